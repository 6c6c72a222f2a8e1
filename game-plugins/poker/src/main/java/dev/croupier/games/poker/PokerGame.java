package dev.croupier.games.poker;

import dev.croupier.errors.CroupierException;
import dev.croupier.errors.ErrorCode;
import dev.croupier.games.api.BetPlaced;
import dev.croupier.games.api.GameDescriptor;
import dev.croupier.games.api.GameKind;
import dev.croupier.games.api.GamePlugin;
import dev.croupier.games.api.GameRef;
import dev.croupier.games.api.MathProfile;
import dev.croupier.games.api.RoundResult;
import dev.croupier.games.api.RoundSeed;
import dev.croupier.games.api.SessionStarted;
import dev.croupier.games.api.SessionState;
import dev.croupier.games.api.Volatility;
import dev.croupier.games.api.Wager;
import java.util.Map;
import java.util.UUID;

/**
 * No-Limit Texas Hold'em in the {@link dev.croupier.games.api.GameRegistry}, so that the lobby and
 * the workflows know the game and its version. Poker is a {@link GameKind#TABLE} game: several
 * players share one long-running table, so it does not fit the single-player round of {@link
 * GamePlugin}. The table workflow plays it through {@link PokerEngine} instead, with the same
 * principles (pure, deterministic, serialisable, errors from {@link ErrorCode}); the round methods
 * here refuse with {@link ErrorCode#ILLEGAL_ACTION}.
 *
 * <p>The descriptor's bet limits are the chip unit and the largest stake a table may allow; each
 * table sets its own blinds and buy-ins in a {@link TableConfig}. Its math profile is nominal:
 * players play each other, so every chip bet goes back to players except the rake (at most {@link
 * TableConfig#rakeBps()} of a pot, capped per hand), and there is no house edge to declare.
 */
public final class PokerGame implements GamePlugin {
  /** The game id and rules version. */
  public static final GameRef REF = new GameRef("poker-nlhe", "1.0.0");

  private static final GameDescriptor DESCRIPTOR =
      new GameDescriptor(
          REF,
          "No-Limit Texas Hold'em",
          GameKind.TABLE,
          "COIN",
          1,
          1_000_000_000L,
          1,
          0,
          new MathProfile(1.0, 0.0, 0.0, 0.0, Volatility.LOW));

  @Override
  public GameDescriptor descriptor() {
    return DESCRIPTOR;
  }

  /**
   * Refused: a poker table is not a session of rounds.
   *
   * @throws CroupierException {@link ErrorCode#ILLEGAL_ACTION} always
   */
  @Override
  public SessionStarted initSession(
      UUID sessionId, UUID userId, GameRef game, Map<String, Object> opts) {
    throw tableOnly();
  }

  /**
   * Refused: bets are {@link Action}s applied by {@link PokerEngine#apply}.
   *
   * @throws CroupierException {@link ErrorCode#ILLEGAL_ACTION} always
   */
  @Override
  public BetPlaced placeBet(SessionState state, Wager wager, Map<String, Object> meta) {
    throw tableOnly();
  }

  /**
   * Refused: hands are settled by {@link PokerEngine} when their betting ends.
   *
   * @throws CroupierException {@link ErrorCode#ILLEGAL_ACTION} always
   */
  @Override
  public RoundResult settle(SessionState state, RoundSeed seed) {
    throw tableOnly();
  }

  private static CroupierException tableOnly() {
    return new CroupierException(
        ErrorCode.ILLEGAL_ACTION, REF + " is a table game: play it through PokerEngine");
  }
}
