package dev.croupier.workflows.table;

import dev.croupier.workflows.session.ComplianceAlert;
import java.util.List;
import java.util.Map;

/**
 * What one run of a table hands to the next on continue-as-new. Runs end only between rounds, so
 * {@code state} holds no deck.
 *
 * @param state the table between rounds, as the game saved it
 * @param accounts the escrow account
 * @param escrowBalance the escrow's ledger balance after the last post this table made
 * @param buyIns per seat, the buy-ins posted so far (the {@code k} of the next key is this + 1)
 * @param cashOuts per seat, the cash-outs posted so far
 * @param eventSeq the sequence number of the last table event written
 * @param run the run number, from 1; also the seed epoch
 * @param closing whether the table is closing
 * @param remembered the most recent requests and their answers, oldest first
 * @param ledgerPosts the ledger posts of all earlier runs (0 in carries written before it was kept)
 * @param gameContentHash the content hash of the game the table opened with, which every run checks
 *     the installed one against; null in carries written before tables pinned it
 * @param endedEpochs the last ended seed epochs, oldest first, whose server seeds were revealed,
 *     for players who verify earlier rounds; empty in carries written before they were kept
 * @param review the unresolved compliance alert that holds the table, or null
 */
public record TableCarry(
    Map<String, Object> state,
    TableAccounts accounts,
    long escrowBalance,
    List<Integer> buyIns,
    List<Integer> cashOuts,
    long eventSeq,
    int run,
    boolean closing,
    List<RememberedAck> remembered,
    long ledgerPosts,
    String gameContentHash,
    List<EndedEpoch> endedEpochs,
    ComplianceAlert review) {
  public TableCarry {
    buyIns = List.copyOf(buyIns);
    cashOuts = List.copyOf(cashOuts);
    remembered = remembered == null ? List.of() : List.copyOf(remembered);
    endedEpochs = endedEpochs == null ? List.of() : List.copyOf(endedEpochs);
  }
}
