package dev.croupier.workflows.session;

import dev.croupier.games.api.GameDescriptor;
import dev.croupier.games.api.SessionState;
import java.util.List;

/**
 * What one run of a session hands to the next on continue-as-new.
 *
 * @param state the plugin state after the last round
 * @param descriptor the pinned game version's descriptor
 * @param seeds the session's seeds (the client seed may have changed)
 * @param accounts the ledger accounts the session posts to
 * @param balance the player's balance after the last post
 * @param totals rounds, stakes and wins so far
 * @param openedAtMillis when the session opened (workflow time)
 * @param run the run number, from 1
 * @param remembered the most recent requests and their results, oldest first
 * @param lastResults the last rounds, oldest first, for reconnecting clients
 * @param review the unresolved alert that holds the session's betting, or null (also in carries
 *     written before alerts existed)
 */
public record SessionCarry(
    SessionState state,
    GameDescriptor descriptor,
    Seeds seeds,
    SessionAccounts accounts,
    long balance,
    SessionTotals totals,
    long openedAtMillis,
    int run,
    List<RememberedRequest> remembered,
    List<RoundOutcome> lastResults,
    ComplianceAlert review) {
  public SessionCarry {
    remembered = remembered == null ? List.of() : List.copyOf(remembered);
    lastResults = lastResults == null ? List.of() : List.copyOf(lastResults);
  }
}
