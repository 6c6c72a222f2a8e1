package dev.croupier.activities.game;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.croupier.games.api.GameRegistry;
import dev.croupier.games.api.RoundSeed;
import dev.croupier.games.api.SessionStarted;
import dev.croupier.games.api.Wager;
import dev.croupier.games.api.fake.FakeCoinFlipGame;
import dev.croupier.games.api.fake.FakeHighCardGame;
import dev.croupier.workflows.session.InitSession;
import dev.croupier.workflows.session.PlayRound;
import dev.croupier.workflows.session.PlayedRound;
import io.temporal.failure.ApplicationFailure;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class GamePluginActivitiesImplTest {
  private static final String SERVER_SEED = "ab".repeat(32);
  private final GamePluginActivitiesImpl activities =
      new GamePluginActivitiesImpl(GameRegistry.load(getClass().getClassLoader()));

  private SessionStarted start() {
    return activities.initSession(
        new InitSession(UUID.randomUUID(), UUID.randomUUID(), FakeCoinFlipGame.REF, Map.of()));
  }

  @Test
  void aRoundIsPlayedByThePluginCertifiedUnderTheSessionsContentHash() {
    SessionStarted started = start();
    String pinned = started.descriptor().contentHash();
    assertThat(pinned).hasSize(64);

    PlayedRound played =
        activities.playRound(
            new PlayRound(
                started.state(),
                new Wager(10, Wager.COIN),
                new RoundSeed(SERVER_SEED, "c", 1),
                Map.of(),
                pinned));
    assertThat(played.result().round()).isEqualTo(1);
  }

  @Test
  void aPluginWhoseContentDiffersFromTheSessionsPinPlaysNothing() {
    SessionStarted started = start();
    assertThatThrownBy(
            () ->
                activities.playRound(
                    new PlayRound(
                        started.state(),
                        new Wager(10, Wager.COIN),
                        new RoundSeed(SERVER_SEED, "c", 1),
                        Map.of(),
                        "0".repeat(64))))
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            f -> {
              assertThat(f.getType()).isEqualTo("GAME_CONTENT_MISMATCH");
              assertThat(f.isNonRetryable()).isTrue();
            });
  }

  @Test
  void sessionsRecordedBeforePinningPlayOnWithoutAHash() {
    SessionStarted started = start();
    PlayedRound played =
        activities.playRound(
            new PlayRound(
                started.state(),
                new Wager(10, Wager.COIN),
                new RoundSeed(SERVER_SEED, "c", 1),
                Map.of(),
                null));
    assertThat(played.result().stake()).isEqualTo(10);
  }

  @Test
  void aTableGameCannotOpenASession() {
    assertThatThrownBy(
            () ->
                activities.initSession(
                    new InitSession(
                        UUID.randomUUID(), UUID.randomUUID(), FakeHighCardGame.REF, Map.of())))
        .isInstanceOfSatisfying(
            ApplicationFailure.class, f -> assertThat(f.getType()).isEqualTo("UNKNOWN_GAME"));
  }
}
