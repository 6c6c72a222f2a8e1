package dev.croupier.games.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.croupier.errors.CroupierException;
import dev.croupier.errors.ErrorCode;
import dev.croupier.games.api.fake.FakeCoinFlipGame;
import dev.croupier.games.api.fake.FakeHighCardGame;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class GameRegistryTest {

  /** The fake at another version, as a jar with a new math file would add it. */
  private static RoundGame fakeAt(String version) {
    RoundGame fake = new FakeCoinFlipGame();
    GameDescriptor d = fake.descriptor();
    GameDescriptor other =
        new GameDescriptor(
            new GameRef(d.ref().gameId(), version),
            d.name(),
            d.kind(),
            d.currency(),
            d.minBet(),
            d.maxBet(),
            d.betStep(),
            d.jackpotContributionBps(),
            d.math(),
            d.contentHash());
    return new RoundGame() {
      @Override
      public GameDescriptor descriptor() {
        return other;
      }

      @Override
      public SessionStarted initSession(
          UUID sessionId, UUID userId, GameRef game, Map<String, Object> opts) {
        throw new UnsupportedOperationException();
      }

      @Override
      public BetPlaced placeBet(SessionState state, Wager wager, Map<String, Object> meta) {
        throw new UnsupportedOperationException();
      }

      @Override
      public RoundResult settle(SessionState state, RoundSeed seed) {
        throw new UnsupportedOperationException();
      }
    };
  }

  @Test
  void serviceLoaderFindsTheFakeFromTheTestJar() {
    GameRegistry registry = GameRegistry.load(getClass().getClassLoader());

    assertThat(registry.find(FakeCoinFlipGame.REF)).isInstanceOf(FakeCoinFlipGame.class);
    assertThat(registry.descriptors())
        .extracting(GameDescriptor::ref)
        .contains(FakeCoinFlipGame.REF);
  }

  @Test
  void versionsAreKeptApartAndTheNewestIsLatest() {
    GameRegistry registry =
        GameRegistry.of(List.of(fakeAt("1.10.0"), new FakeCoinFlipGame(), fakeAt("1.9.0")));

    assertThat(registry.find(FakeCoinFlipGame.REF)).isInstanceOf(FakeCoinFlipGame.class);
    assertThat(registry.latest("fake-coinflip").descriptor().ref().version()).isEqualTo("1.10.0");
    assertThat(registry.descriptors())
        .extracting(d -> d.ref().version())
        .containsExactly("1.0.0", "1.9.0", "1.10.0");
  }

  @Test
  void unknownGameAndUnknownVersionHaveTheirOwnCodes() {
    GameRegistry registry = GameRegistry.of(List.of(new FakeCoinFlipGame()));

    assertCode(() -> registry.find("no-such-game", "1.0.0"), ErrorCode.UNKNOWN_GAME);
    assertCode(() -> registry.find(null, "1.0.0"), ErrorCode.UNKNOWN_GAME);
    assertCode(() -> registry.find("fake-coinflip", "2.0.0"), ErrorCode.UNKNOWN_GAME_VERSION);
    assertCode(() -> registry.find("fake-coinflip", "latest"), ErrorCode.UNKNOWN_GAME_VERSION);
    assertCode(() -> registry.find("fake-coinflip", null), ErrorCode.UNKNOWN_GAME_VERSION);
    assertThat(registry.find("fake-coinflip", "1.0.0")).isInstanceOf(FakeCoinFlipGame.class);
  }

  @Test
  void twoPluginsForOneVersionAreAConfigurationError() {
    assertThatThrownBy(
            () -> GameRegistry.of(List.of(new FakeCoinFlipGame(), new FakeCoinFlipGame())))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("fake-coinflip@1.0.0");
  }

  @Test
  void eachKindIsLookedUpThroughItsOwnContract() {
    GameRegistry registry = GameRegistry.load(getClass().getClassLoader());

    assertThat(registry.round(FakeCoinFlipGame.REF)).isInstanceOf(FakeCoinFlipGame.class);
    assertThat(registry.table(FakeHighCardGame.REF)).isInstanceOf(FakeHighCardGame.class);
    assertThat(registry.find(FakeHighCardGame.REF).kind()).isEqualTo(GameKind.TABLE);
    assertCode(() -> registry.table(FakeCoinFlipGame.REF), ErrorCode.UNKNOWN_GAME);
    assertCode(() -> registry.round(FakeHighCardGame.REF), ErrorCode.UNKNOWN_GAME);
  }

  @Test
  void aPluginWithoutAContentHashOrWithAnotherKindIsRefused() {
    RoundGame fake = new FakeCoinFlipGame();
    GameDescriptor d = fake.descriptor();
    assertThatThrownBy(() -> GameRegistry.of(List.of(withDescriptor(fake, d, d.kind(), null))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no content hash");
    assertThatThrownBy(
            () ->
                GameRegistry.of(List.of(withDescriptor(fake, d, GameKind.TABLE, d.contentHash()))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("declares kind TABLE");
  }

  private static RoundGame withDescriptor(
      RoundGame game, GameDescriptor d, GameKind kind, String hash) {
    GameDescriptor other =
        new GameDescriptor(
            d.ref(),
            d.name(),
            kind,
            d.currency(),
            d.minBet(),
            d.maxBet(),
            d.betStep(),
            d.jackpotContributionBps(),
            d.math(),
            hash);
    return new RoundGame() {
      @Override
      public GameDescriptor descriptor() {
        return other;
      }

      @Override
      public SessionStarted initSession(
          UUID sessionId, UUID userId, GameRef ref, Map<String, Object> opts) {
        return game.initSession(sessionId, userId, ref, opts);
      }

      @Override
      public BetPlaced placeBet(SessionState state, Wager wager, Map<String, Object> meta) {
        return game.placeBet(state, wager, meta);
      }

      @Override
      public RoundResult settle(SessionState state, RoundSeed seed) {
        return game.settle(state, seed);
      }
    };
  }

  private static void assertCode(Runnable call, ErrorCode code) {
    assertThatThrownBy(call::run)
        .isInstanceOf(CroupierException.class)
        .extracting(e -> ((CroupierException) e).code())
        .isEqualTo(code);
  }
}
