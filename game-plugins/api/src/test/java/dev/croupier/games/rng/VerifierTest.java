package dev.croupier.games.rng;

import static org.assertj.core.api.Assertions.assertThat;

import dev.croupier.games.api.GameRegistry;
import dev.croupier.games.api.RoundResult;
import dev.croupier.games.api.RoundSeed;
import dev.croupier.games.api.Wager;
import dev.croupier.games.api.fake.FakeCoinFlipGame;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VerifierTest {
  private static final String SEED =
      "3ad3ce2f4c15a3c59b20d8fad7e7fa2825af80f368070f100879705889f538ca";
  private static final String COMMITMENT =
      "fca8cd3466b733247301081265992671d0b6da7be5f6948e9a170c7b0bab9019";
  private final GameRegistry registry = GameRegistry.of(List.of(new FakeCoinFlipGame()));

  @Test
  void replayedRoundMatchesWhatThePlayerWasShown() {
    RoundSeed seed = new RoundSeed(SEED, "player-chosen-seed", 7);
    RoundResult played =
        Verifier.replay(registry, FakeCoinFlipGame.REF, new Wager(10, "COIN"), seed);
    // As a JSON reader hands it back: every integer an Integer or a Long.
    Map<String, Object> shown =
        Map.of(
            "roll",
            ((Number) played.outcome().get("roll")).longValue(),
            "won",
            played.outcome().get("won"));

    Verifier.Verification ok =
        Verifier.verify(
            registry,
            new Verifier.RoundClaim(
                FakeCoinFlipGame.REF,
                COMMITMENT,
                seed,
                new Wager(10, "COIN"),
                played.totalWin(),
                false,
                shown));

    assertThat(ok.valid()).isTrue();
  }

  @Test
  void claimWithAnotherWinOrSeedFails() {
    RoundSeed seed = new RoundSeed(SEED, "player-chosen-seed", 7);
    RoundResult played =
        Verifier.replay(registry, FakeCoinFlipGame.REF, new Wager(10, "COIN"), seed);

    Verifier.Verification wrongWin =
        Verifier.verify(
            registry,
            new Verifier.RoundClaim(
                FakeCoinFlipGame.REF,
                COMMITMENT,
                seed,
                new Wager(10, "COIN"),
                played.totalWin() + 1,
                false,
                null));
    RoundSeed otherSeed = new RoundSeed("11".repeat(32), "player-chosen-seed", 7);
    Verifier.Verification wrongSeed =
        Verifier.verify(
            registry,
            new Verifier.RoundClaim(
                FakeCoinFlipGame.REF,
                COMMITMENT,
                otherSeed,
                new Wager(10, "COIN"),
                0,
                false,
                null));

    assertThat(wrongWin.commitmentValid()).isTrue();
    assertThat(wrongWin.outcomeMatches()).isFalse();
    assertThat(wrongSeed.commitmentValid()).isFalse();
    assertThat(wrongSeed.valid()).isFalse();
  }

  @Test
  void commandLineReplaysARoundAndChecksTheCommitment() {
    Run run =
        cli(
            "--server-seed",
            SEED,
            "--commitment",
            COMMITMENT,
            "--client-seed",
            "player-chosen-seed",
            "--nonce",
            "7",
            "--game",
            "fake-coinflip@1.0.0",
            "--bet",
            "10");
    RoundResult expected =
        Verifier.replay(
            registry,
            FakeCoinFlipGame.REF,
            new Wager(10, "COIN"),
            new RoundSeed(SEED, "player-chosen-seed", 7));

    assertThat(run.status).isZero();
    assertThat(run.output)
        .contains("commitment  OK")
        .contains("total win   " + expected.totalWin() + " COIN")
        .contains("outcome     {\"roll\":" + expected.outcome().get("roll"));
  }

  @Test
  void commandLinePrintsRawDrawsWithoutAGame() {
    Run run =
        cli(
            "--server-seed",
            SEED,
            "--client-seed",
            "player-chosen-seed",
            "--nonce",
            "1",
            "--range",
            "52",
            "--count",
            "10");

    // The first values of test vector 1 for bound 52.
    FairRng rng = FairRng.forRound(SEED, "player-chosen-seed", 1);
    StringBuilder expected = new StringBuilder();
    for (int i = 0; i < 10; i++) {
      expected.append(i == 0 ? "" : " ").append(rng.nextLong(52));
    }
    assertThat(run.status).isZero();
    assertThat(run.output).contains("draws [0,52) " + expected);
  }

  @Test
  void commandLineReportsAMismatchedCommitmentAndBadUsage() {
    Run mismatch =
        cli(
            "--server-seed",
            "11".repeat(32),
            "--commitment",
            COMMITMENT,
            "--client-seed",
            "x",
            "--nonce",
            "1",
            "--range",
            "6");
    Run unknownGame =
        cli(
            "--server-seed",
            SEED,
            "--client-seed",
            "x",
            "--nonce",
            "1",
            "--game",
            "no-such-game@1.0.0",
            "--bet",
            "10");
    Run missingNonce = cli("--server-seed", SEED, "--client-seed", "x");

    assertThat(mismatch.status).isEqualTo(1);
    assertThat(mismatch.output).contains("commitment  MISMATCH");
    assertThat(unknownGame.status).isEqualTo(2);
    assertThat(unknownGame.output).contains("UNKNOWN_GAME");
    assertThat(missingNonce.status).isEqualTo(2);
    assertThat(missingNonce.output).contains("missing --nonce").contains("usage:");
  }

  private record Run(int status, String output) {}

  private Run cli(String... args) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    int status = new VerifyCli(out, registry).run(args);
    return new Run(status, bytes.toString(StandardCharsets.UTF_8));
  }
}
