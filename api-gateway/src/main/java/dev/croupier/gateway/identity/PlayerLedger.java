package dev.croupier.gateway.identity;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * What the wallet says about a player's own money, for the web client's transaction history: the
 * currencies with their scales, and the entries of the player's own account, newest first. There is
 * no way to name another account: the account is always the player's own, found by their user id.
 */
public interface PlayerLedger {
  /**
   * Every currency of the ledger with its scale. Safe to call any number of times.
   *
   * @throws dev.croupier.errors.CroupierException {@code UNAVAILABLE} when the wallet does not
   *     answer in time
   */
  List<Currency> currencies();

  /**
   * One page of the entries of the player's account in {@code currency}, newest first.
   *
   * @param after the cursor of the previous page, empty for the first page; a cursor is the
   *     player's own and is refused for anyone else
   * @param pageSize 1 to {@link #MAX_PAGE}
   * @throws dev.croupier.errors.CroupierException {@code NOT_YOUR_ACCOUNT} for a cursor made for
   *     another account, {@code VALIDATION_FAILED} for a malformed cursor or page size, the
   *     wallet's code ({@code CURRENCY_DISABLED}, …) or {@code UNAVAILABLE}
   */
  EntryPage entries(UUID userId, String currency, Optional<String> after, int pageSize);

  /** The largest page the history asks for. */
  int MAX_PAGE = 100;

  /**
   * A currency of the ledger.
   *
   * @param scale decimal places of the minor unit: with 2, the amount 1234 is 12.34
   * @param usable whether posts in it are accepted now
   */
  record Currency(String code, String kind, int scale, boolean usable) {}

  /**
   * A movement of the player's account.
   *
   * @param amount signed minor units: positive credits the player
   * @param balanceAfter the account's balance right after this entry
   * @param kind the transaction's kind, e.g. {@code BET_AND_WIN}, {@code GRANT}, {@code BUY_IN}
   * @param sessionId the game session the transaction belongs to, if any
   * @param round the round of that session, 0 when none
   * @param tableId the table the transaction belongs to, if any
   */
  record Entry(
      long entryId,
      long transactionId,
      String currency,
      long amount,
      long balanceAfter,
      String kind,
      Optional<String> sessionId,
      long round,
      Optional<String> tableId,
      Instant createdAt) {}

  /**
   * A page of entries.
   *
   * @param next the cursor of the next page; empty on the last page
   */
  record EntryPage(List<Entry> entries, Optional<String> next) {}
}
