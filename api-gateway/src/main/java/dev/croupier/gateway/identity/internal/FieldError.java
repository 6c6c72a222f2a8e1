package dev.croupier.gateway.identity.internal;

/**
 * One invalid field in a 400 answer.
 *
 * @param field the JSON property, or {@code body} for the request as a whole
 * @param code a stable, machine-readable reason such as {@code TOO_LONG} or the ErrorCode name
 * @param message for people
 */
record FieldError(String field, String code, String message) {}
