package dev.croupier.workflows.session;

/**
 * A round whose ledger post had an unknown outcome: the wallet did not answer within the activity's
 * retries, so the session cannot tell whether the stake and win were posted. The bet's Update stays
 * open while it is kept in the session's state (and shown by its {@code state} query): the session
 * repeats the post under the same key, on a durable timer that doubles from 1 s to a minute, until
 * the wallet answers. The repeat is the lookup: posted before, the wallet answers with the original
 * result; not posted, it is posted now. Until then the session takes no other bet and does not
 * close; a client whose call timed out repeats it with the same request id and gets the answer.
 *
 * @param round the round number
 * @param idempotencyKey the post's key, {@code session-<id>/round-<n>}
 * @param requestId the request that played it
 */
public record UnknownRound(long round, String idempotencyKey, String requestId) {}
