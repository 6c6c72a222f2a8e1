package dev.croupier.games.api;

import dev.croupier.errors.CroupierException;
import dev.croupier.errors.ErrorCode;
import java.util.Objects;

/**
 * What a game version is, as published to players, the lobby and the workflows.
 *
 * @param ref the game id and version
 * @param name a display name
 * @param kind single-player rounds or a shared table
 * @param currency the only currency the game accepts, for example {@code COIN}
 * @param minBet the smallest stake, in minor units
 * @param maxBet the largest stake, in minor units
 * @param betStep every stake is a multiple of this, in minor units
 * @param jackpotContributionBps the share of each stake fed to the progressive pool, in basis
 *     points; 0 for none
 * @param math the declared RTP, hit frequency and volatility
 * @param contentHash SHA-256 (64 lower-case hex digits) of what was certified for this version: a
 *     slot's math file, a table engine's rules; see {@link Certified}. A session or table records
 *     it when it starts and refuses to play on with a plugin whose hash differs. Null only in
 *     descriptors recorded before versions were pinned; {@link GameRegistry} refuses a plugin
 *     without one.
 */
public record GameDescriptor(
    GameRef ref,
    String name,
    GameKind kind,
    String currency,
    long minBet,
    long maxBet,
    long betStep,
    int jackpotContributionBps,
    MathProfile math,
    String contentHash) {

  public GameDescriptor {
    Objects.requireNonNull(ref, "ref");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(currency, "currency");
    Objects.requireNonNull(math, "math");
    if (minBet <= 0 || maxBet < minBet || betStep <= 0 || minBet % betStep != 0) {
      throw new IllegalArgumentException(
          "need 0 < minBet <= maxBet and minBet a multiple of betStep: " + ref);
    }
    if (jackpotContributionBps < 0 || jackpotContributionBps > 10_000) {
      throw new IllegalArgumentException("jackpotContributionBps must be in [0, 10000]");
    }
    if (contentHash != null && !Certified.isHash(contentHash)) {
      throw new IllegalArgumentException("contentHash must be 64 lower-case hex digits: " + ref);
    }
  }

  /**
   * Checks a wager against this game's currency and limits, in a fixed order so that every plugin
   * reports the same code for the same mistake.
   *
   * @throws CroupierException {@link ErrorCode#WRONG_CURRENCY} if the currency differs, {@link
   *     ErrorCode#INVALID_WAGER} if the amount is negative or not a multiple of {@link #betStep},
   *     {@link ErrorCode#BET_BELOW_MINIMUM} or {@link ErrorCode#BET_ABOVE_MAXIMUM} if out of limits
   */
  public void validate(Wager wager) {
    Objects.requireNonNull(wager, "wager");
    if (!currency.equals(wager.currency())) {
      throw new CroupierException(
          ErrorCode.WRONG_CURRENCY, ref + " takes " + currency + ", not " + wager.currency());
    }
    if (wager.amount() < 0) {
      throw new CroupierException(ErrorCode.INVALID_WAGER, "negative stake " + wager.amount());
    }
    if (wager.amount() < minBet) {
      throw new CroupierException(
          ErrorCode.BET_BELOW_MINIMUM, "stake " + wager.amount() + " is below " + minBet);
    }
    if (wager.amount() > maxBet) {
      throw new CroupierException(
          ErrorCode.BET_ABOVE_MAXIMUM, "stake " + wager.amount() + " is above " + maxBet);
    }
    if (wager.amount() % betStep != 0) {
      throw new CroupierException(
          ErrorCode.INVALID_WAGER, "stake " + wager.amount() + " is not a multiple of " + betStep);
    }
  }

  /**
   * The part of a stake fed to the progressive pool, rounded down. Games choose {@link #betStep} so
   * that the product is exact for every allowed stake.
   */
  public long jackpotContribution(long stake) {
    return Math.multiplyExact(stake, (long) jackpotContributionBps) / 10_000;
  }
}
