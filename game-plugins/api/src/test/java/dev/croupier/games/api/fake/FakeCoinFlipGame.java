package dev.croupier.games.api.fake;

import dev.croupier.errors.CroupierException;
import dev.croupier.errors.ErrorCode;
import dev.croupier.games.api.BetPlaced;
import dev.croupier.games.api.Certified;
import dev.croupier.games.api.GameDescriptor;
import dev.croupier.games.api.GameKind;
import dev.croupier.games.api.GameRef;
import dev.croupier.games.api.MathProfile;
import dev.croupier.games.api.Posting;
import dev.croupier.games.api.PostingKind;
import dev.croupier.games.api.RoundGame;
import dev.croupier.games.api.RoundResult;
import dev.croupier.games.api.RoundSeed;
import dev.croupier.games.api.SessionStarted;
import dev.croupier.games.api.SessionState;
import dev.croupier.games.api.Volatility;
import dev.croupier.games.api.Wager;
import dev.croupier.games.rng.FairRng;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A biased coin: draw {@code d} in {@code [0, 100)}; {@code d < 49} pays twice the stake. Its exact
 * RTP is 0.98 and its hit frequency 0.49. Workflow and gateway tests use it through the real
 * contract, found by {@link java.util.ServiceLoader} from this module's test-jar.
 */
public final class FakeCoinFlipGame implements RoundGame {
  /** The game this fake provides. */
  public static final GameRef REF = new GameRef("fake-coinflip", "1.0.0");

  private static final String IDLE = "idle";
  private static final String OPEN = "open:";
  // E[X^2] - E[X]^2 for X = 2 with p = 0.49: 1.96 - 0.9604.
  private static final double STD_DEV = Math.sqrt(1.96 - 0.98 * 0.98);

  /** What a lab would certify for this fake: its one rule. */
  static final String RULES = "fake-coinflip 1.0.0: d = nextInt(100); d < 49 pays 2x the stake\n";

  private static final GameDescriptor DESCRIPTOR =
      new GameDescriptor(
          REF,
          "Fake coin flip",
          GameKind.SINGLE_PLAYER_ROUND,
          Wager.COIN,
          1,
          1_000,
          1,
          0,
          new MathProfile(0.98, 0, 0.49, STD_DEV, Volatility.of(STD_DEV)),
          Certified.sha256(RULES.getBytes(StandardCharsets.UTF_8)));

  @Override
  public GameDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public SessionStarted initSession(
      UUID sessionId, UUID userId, GameRef game, Map<String, Object> opts) {
    checkGame(game);
    return new SessionStarted(new SessionState(sessionId, userId, game, 0, IDLE), DESCRIPTOR);
  }

  @Override
  public BetPlaced placeBet(SessionState state, Wager wager, Map<String, Object> meta) {
    checkGame(state.game());
    if (openStake(state) >= 0) {
      throw new CroupierException(ErrorCode.ROUND_IN_PROGRESS, "round " + state.round());
    }
    DESCRIPTOR.validate(wager);
    long round = state.round() + 1;
    return new BetPlaced(
        state.next(round, OPEN + wager.amount()),
        round,
        state.txRef(round),
        wager,
        List.of(new Posting(PostingKind.STAKE, wager.amount(), Wager.COIN)));
  }

  @Override
  public RoundResult settle(SessionState state, RoundSeed seed) {
    checkGame(state.game());
    long stake = openStake(state);
    if (stake < 0) {
      throw new CroupierException(ErrorCode.ILLEGAL_ACTION, "no round is open");
    }
    if (seed.nonce() != state.round()) {
      throw new CroupierException(
          ErrorCode.ILLEGAL_ACTION, "nonce " + seed.nonce() + " is not round " + state.round());
    }
    int roll = FairRng.forRound(seed).nextInt(100);
    boolean won = roll < 49;
    long win = won ? Math.multiplyExact(stake, 2) : 0;
    Map<String, Object> outcome = new LinkedHashMap<>();
    outcome.put("roll", roll);
    outcome.put("won", won);
    return new RoundResult(
        state.next(state.round(), IDLE),
        state.round(),
        state.txRef(state.round()),
        stake,
        win,
        false,
        won ? List.of(new Posting(PostingKind.WIN, win, Wager.COIN)) : List.of(),
        outcome);
  }

  private static void checkGame(GameRef game) {
    if (!REF.gameId().equals(game.gameId())) {
      throw new CroupierException(ErrorCode.UNKNOWN_GAME, "not " + REF.gameId() + ": " + game);
    }
    if (!REF.version().equals(game.version())) {
      throw new CroupierException(ErrorCode.UNKNOWN_GAME_VERSION, "not " + REF + ": " + game);
    }
  }

  // The stake of the open round, or -1 when no round is open.
  private static long openStake(SessionState state) {
    String s = state.gameState();
    if (IDLE.equals(s)) {
      return -1;
    }
    if (s.startsWith(OPEN)) {
      try {
        long stake = Long.parseLong(s.substring(OPEN.length()));
        if (stake > 0) {
          return stake;
        }
      } catch (NumberFormatException e) {
        // Reported below as an unreadable state.
      }
    }
    throw new CroupierException(ErrorCode.INVALID_STATE, "unreadable state: " + s);
  }
}
