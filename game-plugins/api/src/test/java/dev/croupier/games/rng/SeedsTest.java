package dev.croupier.games.rng;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.croupier.games.api.RoundSeed;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class SeedsTest {

  @Test
  void freshSessionCommitsToItsServerSeedAndHasADefaultClientSeed() {
    SessionSeeds seeds = SessionSeeds.start(new SecureRandom());

    assertThat(seeds.commitment()).isEqualTo(seeds.serverSeed().commitment());
    assertThat(Verifier.commitmentMatches(seeds.serverSeed().hex(), seeds.commitment().sha256Hex()))
        .isTrue();
    assertThat(seeds.clientSeed()).matches("[0-9a-f]{16}");
    assertThat(seeds.round(3))
        .isEqualTo(new RoundSeed(seeds.serverSeed().hex(), seeds.clientSeed(), 3));
  }

  @Test
  void playerMayReplaceTheClientSeedButNotTheCommitment() {
    SessionSeeds seeds = SessionSeeds.start(new SecureRandom()).withClientSeed("lucky-7");

    assertThat(seeds.round(1).clientSeed()).isEqualTo("lucky-7");
    SessionSeeds other = SessionSeeds.start(new SecureRandom());
    assertThatThrownBy(
            () -> new SessionSeeds(other.serverSeed(), seeds.commitment(), seeds.clientSeed()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void anotherSeedDoesNotMatchTheCommitment() {
    SessionSeeds seeds = SessionSeeds.start(new SecureRandom());
    String tampered =
        (seeds.serverSeed().hex().charAt(0) == '0' ? "1" : "0")
            + seeds.serverSeed().hex().substring(1);

    assertThat(seeds.commitment().matches(tampered)).isFalse();
    assertThat(seeds.commitment().matches("not hex")).isFalse();
    assertThat(seeds.commitment().matches(null)).isFalse();
  }

  @Test
  void secretsStayOutOfToString() {
    SessionSeeds seeds = SessionSeeds.start(new SecureRandom());

    assertThat(seeds.toString()).doesNotContain(seeds.serverSeed().hex());
    assertThat(seeds.round(1).toString()).doesNotContain(seeds.serverSeed().hex());
  }

  @Test
  void drawsDependOnEveryInput() {
    String seed = "00".repeat(32);
    long base = FairRng.forRound(seed, "a", 1).nextRaw();

    assertThat(FairRng.forRound(seed, "a", 1).nextRaw()).isEqualTo(base);
    assertThat(FairRng.forRound(seed, "b", 1).nextRaw()).isNotEqualTo(base);
    assertThat(FairRng.forRound(seed, "a", 2).nextRaw()).isNotEqualTo(base);
    assertThat(FairRng.forRound("01" + "00".repeat(31), "a", 1).nextRaw()).isNotEqualTo(base);
  }

  @Test
  void boundsOutsideOneToTwoPow32AreRejected() {
    FairRng rng = FairRng.forRound("00".repeat(32), "a", 1);

    assertThatThrownBy(() -> rng.nextLong(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> rng.nextLong((1L << 32) + 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(rng.nextLong(1)).isZero();
  }
}
