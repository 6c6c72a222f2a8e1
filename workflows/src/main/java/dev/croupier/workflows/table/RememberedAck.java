package dev.croupier.workflows.table;

/**
 * A request the table answered, kept so that the same request id gets the same answer, and the same
 * id with another payload is refused with {@code DUPLICATE_REQUEST}.
 *
 * @param requestId the request id
 * @param fingerprint the request's payload, as {@link TableRequest#fingerprint()}
 * @param ack the answer it got
 */
public record RememberedAck(String requestId, String fingerprint, TableAck ack) {}
