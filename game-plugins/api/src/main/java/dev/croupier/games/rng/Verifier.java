package dev.croupier.games.rng;

import dev.croupier.games.api.GameKind;
import dev.croupier.games.api.GameRef;
import dev.croupier.games.api.GameRegistry;
import dev.croupier.games.api.RoundGame;
import dev.croupier.games.api.RoundResult;
import dev.croupier.games.api.RoundSeed;
import dev.croupier.games.api.SessionState;
import dev.croupier.games.api.Wager;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Recomputes rounds from revealed seeds, for players, support and regulators. Every method is a
 * pure function of its arguments: it runs the same plugin code the session ran, on the same draws.
 */
public final class Verifier {
  private static final UUID NOBODY = new UUID(0, 0);

  private Verifier() {}

  /** Whether a revealed server seed is the one whose SHA-256 was committed to. */
  public static boolean commitmentMatches(String revealedServerSeedHex, String commitmentHex) {
    return new Commitment(commitmentHex).matches(revealedServerSeedHex);
  }

  /**
   * Replays one round of any game from the state the session had before it.
   *
   * @param plugin the plugin of the session's game version
   * @param before the session state before the round's bet
   * @param wager the round's wager
   * @param seed the revealed server seed, the client seed, and the round number as nonce
   */
  public static RoundResult replay(
      RoundGame plugin, SessionState before, Wager wager, RoundSeed seed) {
    SessionState open = plugin.placeBet(before, wager, Map.of()).state();
    return plugin.settle(open, seed);
  }

  /**
   * Replays one round of a game whose rounds are independent ({@link
   * GameKind#SINGLE_PLAYER_ROUND}), from a fresh session at the round's number. The result's
   * session ids are placeholders; its outcome and amounts are the round's.
   *
   * @throws dev.croupier.errors.CroupierException {@code UNKNOWN_GAME} or {@code
   *     UNKNOWN_GAME_VERSION} if the game version is not installed or is not a round game
   */
  public static RoundResult replay(
      GameRegistry registry, GameRef game, Wager wager, RoundSeed seed) {
    RoundGame plugin = registry.round(game);
    SessionState fresh = plugin.initSession(NOBODY, NOBODY, game, Map.of()).state();
    SessionState before = fresh.next(seed.nonce() - 1, fresh.gameState());
    return replay(plugin, before, wager, seed);
  }

  /**
   * Checks a round a player was shown: the seed against the commitment, and the recorded outcome
   * against a replay. Numbers in the recorded outcome may be of any integral type, as a JSON reader
   * produces them.
   */
  public static Verification verify(GameRegistry registry, RoundClaim claim) {
    boolean committed = commitmentMatches(claim.seed().serverSeed(), claim.commitment());
    RoundResult replayed = replay(registry, claim.game(), claim.wager(), claim.seed());
    boolean same =
        replayed.totalWin() == claim.totalWin()
            && replayed.jackpotHit() == claim.jackpotHit()
            && (claim.outcome() == null || sameJson(replayed.outcome(), claim.outcome()));
    return new Verification(committed, same, replayed);
  }

  /**
   * A round as the player saw it.
   *
   * @param game the game version the session played
   * @param commitment the commitment shown at session start
   * @param seed the revealed server seed, the client seed and the round number
   * @param wager the round's wager
   * @param totalWin the win the player was paid, in minor units
   * @param jackpotHit whether the player was told the jackpot was hit
   * @param outcome the outcome the player was shown, or null to check only the amounts
   */
  public record RoundClaim(
      GameRef game,
      String commitment,
      RoundSeed seed,
      Wager wager,
      long totalWin,
      boolean jackpotHit,
      Map<String, Object> outcome) {
    public RoundClaim {
      Objects.requireNonNull(game, "game");
      Objects.requireNonNull(commitment, "commitment");
      Objects.requireNonNull(seed, "seed");
      Objects.requireNonNull(wager, "wager");
    }
  }

  /**
   * The verdict on a {@link RoundClaim}.
   *
   * @param commitmentValid whether SHA-256 of the revealed seed is the commitment
   * @param outcomeMatches whether the replay gives the claimed win, jackpot flag and outcome
   * @param replayed the recomputed round
   */
  public record Verification(
      boolean commitmentValid, boolean outcomeMatches, RoundResult replayed) {
    /** Both checks passed. */
    public boolean valid() {
      return commitmentValid && outcomeMatches;
    }
  }

  // JSON readers turn small longs into ints: compare integral numbers by value.
  static boolean sameJson(Object a, Object b) {
    if (a instanceof Number x && b instanceof Number y) {
      return isIntegral(x) && isIntegral(y) ? x.longValue() == y.longValue() : x.equals(y);
    }
    if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
      return x.size() == y.size()
          && x.entrySet().stream()
              .allMatch(
                  e -> y.containsKey(e.getKey()) && sameJson(e.getValue(), y.get(e.getKey())));
    }
    if (a instanceof List<?> x && b instanceof List<?> y) {
      if (x.size() != y.size()) {
        return false;
      }
      for (int i = 0; i < x.size(); i++) {
        if (!sameJson(x.get(i), y.get(i))) {
          return false;
        }
      }
      return true;
    }
    return Objects.equals(a, b);
  }

  private static boolean isIntegral(Number n) {
    return n instanceof Long || n instanceof Integer || n instanceof Short || n instanceof Byte;
  }
}
