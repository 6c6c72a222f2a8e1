package dev.croupier.workflows.table;

/**
 * What one watcher of a table is shown: the table as they see it, its lobby entry and the action
 * clock. The gateway pushes one to every watcher after each table event.
 *
 * @param summary the lobby entry: name, game, stakes, seats, buy-in limits
 * @param view the table as the viewer sees it (their own private cards only; a spectator's view for
 *     a player without a seat)
 * @param eventSeq the last table event's sequence number when the snapshot was taken; snapshots of
 *     one table never go back
 * @param actionTimeoutMillis the action clock: how long each turn lasts
 * @param turnDeadlineMillis when the seat to act runs out of time, in epoch milliseconds on the
 *     workflow's clock (the turn's start plus {@code actionTimeoutMillis}); 0 when nobody is to act
 * @param closing whether the table is closing or closed: no new round will be dealt
 * @param seedEpoch the running seed epoch's commitment and client seed (no server seed); null
 *     before the first epoch began
 * @param revealedEpochs the last ended epochs with their revealed server seeds, oldest first
 */
public record TableSnapshot(
    TableSummary summary,
    TableView view,
    long eventSeq,
    long actionTimeoutMillis,
    long turnDeadlineMillis,
    boolean closing,
    SeedEpoch seedEpoch,
    java.util.List<SeedEpoch> revealedEpochs) {}
