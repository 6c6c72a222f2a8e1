package dev.croupier.workers.recall;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A round rebuilt for a regulator or support: its inputs, RNG proof, outcome, ledger post, and the
 * checks that tie them together.
 *
 * @param game the game and version the session played, {@code gameId@version}
 * @param gameContentHash the content hash of that certified version, as the session recorded it
 *     (null for sessions opened before versions were pinned); the {@code game.certified} check
 *     compares it with the installed plugin
 * @param checks each cross-check with its verdict; {@link #valid()} when all passed
 */
public record RoundRecall(
    UUID sessionId,
    long round,
    UUID userId,
    String game,
    String sessionStatus,
    String requestId,
    long stake,
    String currency,
    String commitment,
    String clientSeed,
    long nonce,
    String revealedServerSeed,
    Map<String, Object> outcome,
    long totalWin,
    boolean jackpotHit,
    String ledgerKey,
    long ledgerTransactionId,
    List<LedgerEntry> ledgerEntries,
    OffsetDateTime playedAt,
    String gameContentHash,
    List<Check> checks) {

  /** Whether every check passed. */
  public boolean valid() {
    return checks.stream().allMatch(Check::passed);
  }

  /** One movement of the round's transaction. */
  public record LedgerEntry(long accountId, String currency, long amount) {}

  /** One cross-check. */
  public record Check(String name, boolean passed, String detail) {
    static Check fail(String name, String detail) {
      return new Check(name, false, detail);
    }
  }
}
