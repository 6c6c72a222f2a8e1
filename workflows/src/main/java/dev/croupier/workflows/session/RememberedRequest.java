package dev.croupier.workflows.session;

/**
 * A request the session answered, kept so that the same request id gets the same answer, and the
 * same id with another payload is refused with {@code DUPLICATE_REQUEST}.
 *
 * @param request the request as first received
 * @param outcome the answer it got
 */
public record RememberedRequest(BetRequest request, BetOutcome outcome) {}
