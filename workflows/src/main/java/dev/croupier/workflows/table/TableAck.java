package dev.croupier.workflows.table;

/**
 * The answer to a table request. Carries no card: an Update's result is written to the history and
 * read by whoever replays it; a player reads their cards with the {@code view} query.
 *
 * @param requestId the request answered
 * @param seat the seat the request was for
 * @param stack the seat's stack after the request (chips behind; 0 after leaving)
 * @param handNumber the last hand started
 * @param handRunning whether a hand is running after the request
 * @param eventSeq the sequence number of the last table event after the request
 */
public record TableAck(
    String requestId, int seat, long stack, long handNumber, boolean handRunning, long eventSeq) {}
