package dev.croupier.errors;

import java.util.Optional;

/**
 * The platform's one catalogue of error codes. Codes are stable: clients, the wallet, the gateway
 * and compliance tooling match on {@link #name()}, so a code is never renamed or reused. Each edge
 * maps the {@link Kind} to its transport (gRPC status, HTTP status, WebSocket error frame); the
 * code itself travels unchanged. Whether a failure may be retried follows from its kind alone
 * ({@link #retryable()}), so no caller keeps a list of its own.
 *
 * <p>The catalogue is documented in {@code errors/README.md}, which a test keeps in step with this
 * enum.
 */
public enum ErrorCode {
  // Money and the ledger.
  INSUFFICIENT_FUNDS(Kind.FAILED_PRECONDITION, "The account balance does not cover the debit."),
  UNBALANCED(Kind.INVALID_ARGUMENT, "The transaction's legs do not sum to zero per currency."),
  CURRENCY_MISMATCH(Kind.INVALID_ARGUMENT, "A leg's currency differs from its account's currency."),
  UNKNOWN_ACCOUNT(Kind.NOT_FOUND, "The account does not exist."),
  CURRENCY_DISABLED(Kind.FAILED_PRECONDITION, "The currency is switched off."),
  INVALID_AMOUNT(
      Kind.INVALID_ARGUMENT, "The amount is zero, negative where not allowed, or overflows."),
  IDEMPOTENCY_CONFLICT(
      Kind.CONFLICT, "The idempotency key was already used with a different request."),
  KEY_TOO_LONG(Kind.INVALID_ARGUMENT, "The idempotency key is longer than 255 characters."),
  TOO_MANY_LEGS(Kind.INVALID_ARGUMENT, "The transaction has more legs than allowed."),
  UNKNOWN_TRANSACTION(Kind.NOT_FOUND, "The transaction does not exist."),
  ALREADY_REVERSED(Kind.CONFLICT, "The transaction has already been reversed."),

  // Games and sessions.
  UNKNOWN_GAME(Kind.NOT_FOUND, "No plugin provides this game."),
  UNKNOWN_GAME_VERSION(Kind.NOT_FOUND, "The game exists, but not in this version."),
  BET_BELOW_MINIMUM(Kind.INVALID_ARGUMENT, "The wager is below the game's minimum bet."),
  BET_ABOVE_MAXIMUM(Kind.INVALID_ARGUMENT, "The wager is above the game's maximum bet."),
  WRONG_CURRENCY(Kind.INVALID_ARGUMENT, "The wager's currency is not the game's currency."),
  INVALID_WAGER(Kind.INVALID_ARGUMENT, "The wager is malformed: not an integer, or out of range."),
  ILLEGAL_ACTION(
      Kind.FAILED_PRECONDITION, "The action is not allowed in the game's current state."),
  NOT_YOUR_TURN(Kind.FAILED_PRECONDITION, "Another seat is to act."),
  SESSION_CLOSED(Kind.FAILED_PRECONDITION, "The session is closed."),
  ROUND_IN_PROGRESS(Kind.FAILED_PRECONDITION, "A round is already in progress in this session."),
  SESSION_UNDER_REVIEW(
      Kind.FAILED_PRECONDITION,
      "The session's records disagree and compliance is reviewing them; it takes no bets until"
          + " the review is resolved."),
  UNKNOWN_SESSION(Kind.NOT_FOUND, "The session does not exist."),
  SESSION_ALREADY_EXISTS(Kind.CONFLICT, "A session with this ID already exists."),
  NOT_YOUR_SESSION(Kind.PERMISSION_DENIED, "The session belongs to another player."),
  CLIENT_SEED_LOCKED(
      Kind.FAILED_PRECONDITION,
      "The session's client seed is fixed once its first round is played; open a new session."),
  NOT_YOUR_ACCOUNT(Kind.PERMISSION_DENIED, "The account or its entries belong to another player."),
  FEATURE_DISABLED(Kind.FAILED_PRECONDITION, "The feature flag for this action is off."),
  INVALID_STATE(Kind.INVALID_ARGUMENT, "The serialised game state cannot be read."),
  GAME_CONTENT_MISMATCH(
      Kind.UNAVAILABLE,
      "The installed game differs from the certified version this session or table started on;"
          + " nothing was played."),

  // Tables, of every table game.
  UNKNOWN_TABLE(Kind.NOT_FOUND, "The table does not exist."),
  UNKNOWN_HAND(Kind.NOT_FOUND, "The table has dealt no hand with this number."),
  INVALID_TIME_RANGE(
      Kind.INVALID_ARGUMENT,
      "A bound is not an ISO-8601 instant, or the range ends before it starts."),
  INVALID_LIMIT(Kind.INVALID_ARGUMENT, "The limit is not a whole number within its bounds."),
  TABLE_CLOSED(Kind.FAILED_PRECONDITION, "The table is closed or closing."),
  TABLE_UNDER_REVIEW(
      Kind.FAILED_PRECONDITION,
      "A hand's ledger post disagrees with what the ledger holds and compliance is reviewing it; the"
          + " table deals no new hand and takes no buy-in until the review is resolved. Leaving"
          + " still works."),
  SEAT_TAKEN(Kind.CONFLICT, "Another player sits in this seat."),
  ALREADY_SEATED(Kind.CONFLICT, "The player already has a seat at this table."),
  NOT_YOUR_SEAT(Kind.PERMISSION_DENIED, "The seat is empty or belongs to another player."),
  BUY_IN_OUT_OF_RANGE(
      Kind.INVALID_ARGUMENT, "The buy-in or top-up is outside the table's minimum and maximum."),
  RAISE_TOO_SMALL(
      Kind.INVALID_ARGUMENT, "The bet or raise is below the minimum and is not all-in."),
  AMOUNT_ABOVE_STACK(Kind.INVALID_ARGUMENT, "The bet or raise is more than the seat's stack."),

  // Realtime boards.
  NOT_RANKED(Kind.NOT_FOUND, "The player has no score on this board in this period."),

  // The back office.
  ALREADY_BOOTSTRAPPED(
      Kind.FAILED_PRECONDITION, "Staff exist already: the first-admin bootstrap runs once."),
  ENROLMENT_INVALID(Kind.NOT_FOUND, "The enrolment link is unknown, used or expired."),
  UNKNOWN_STAFF(Kind.NOT_FOUND, "No such staff member."),
  UNKNOWN_FLAG(Kind.NOT_FOUND, "No such feature flag."),
  UNKNOWN_PLAYER(Kind.NOT_FOUND, "No such player."),
  UNKNOWN_ALERT(Kind.NOT_FOUND, "No such compliance alert."),
  UNKNOWN_ADJUSTMENT(Kind.NOT_FOUND, "No such adjustment request."),
  STALE_VERSION(Kind.CONFLICT, "Someone changed this since it was loaded; reload and try again."),
  SELF_APPROVAL(
      Kind.PERMISSION_DENIED, "The one who asked for an adjustment cannot also approve it."),
  APPROVAL_CLOSED(
      Kind.FAILED_PRECONDITION, "The adjustment was already decided or its approval expired."),
  CSRF_TOKEN_INVALID(
      Kind.PERMISSION_DENIED, "The form's CSRF token is missing or wrong; nothing was done."),
  AUDIT_CHAIN_BROKEN(
      Kind.FAILED_PRECONDITION, "The audit log's hash chain does not verify from some row on."),
  EXPORT_SCOPE_TOO_LARGE(
      Kind.INVALID_ARGUMENT,
      "The export's scope holds more sessions than one bundle may; narrow the time range."),

  // Identity and the edges.
  VALIDATION_FAILED(Kind.INVALID_ARGUMENT, "One or more fields are invalid."),
  EMAIL_TAKEN(Kind.CONFLICT, "An account with this email already exists."),
  BAD_CREDENTIALS(Kind.UNAUTHENTICATED, "The email or password is wrong."),
  ACCOUNT_LOCKED(
      Kind.PERMISSION_DENIED,
      "Sign-in to this account from this address or device is locked after repeated failures."),
  ACCOUNT_DISABLED(Kind.PERMISSION_DENIED, "The account is disabled."),
  INVALID_TOKEN(Kind.UNAUTHENTICATED, "The token is missing, malformed, expired or not trusted."),
  TOKEN_REUSED(Kind.UNAUTHENTICATED, "A refresh token was reused; its whole family is revoked."),
  FORBIDDEN(Kind.PERMISSION_DENIED, "The caller may not do this."),
  UNKNOWN_CALLER(
      Kind.UNAUTHENTICATED, "The calling service presented no certificate the wallet trusts."),
  CALLER_NOT_AUTHORIZED(
      Kind.PERMISSION_DENIED,
      "The calling service may not make this call, post this kind or touch this account."),
  ORIGIN_NOT_ALLOWED(
      Kind.PERMISSION_DENIED, "The Origin header is malformed or not one the gateway serves."),
  BAD_SUBPROTOCOL(
      Kind.INVALID_ARGUMENT, "The WebSocket upgrade does not offer the croupier.v1 subprotocol."),
  INVALID_TICKET(
      Kind.UNAUTHENTICATED, "The WebSocket ticket is missing, malformed, expired or already used."),
  TOKEN_IN_URL(
      Kind.INVALID_ARGUMENT,
      "A token was sent in the URL; send it in a header or use a WebSocket ticket."),
  UNKNOWN_PATH(Kind.NOT_FOUND, "Nothing is served at this path with this method."),
  RATE_LIMITED(Kind.RESOURCE_EXHAUSTED, "Too many requests; retry later."),
  PAYLOAD_TOO_LARGE(Kind.RESOURCE_EXHAUSTED, "The message or body is over the size limit."),
  MALFORMED_MESSAGE(Kind.INVALID_ARGUMENT, "The message is not valid JSON or misses a field."),
  UNKNOWN_MESSAGE_TYPE(Kind.INVALID_ARGUMENT, "The message type is not part of the protocol."),
  DUPLICATE_REQUEST(Kind.CONFLICT, "The request ID was already used with a different payload."),
  UNAVAILABLE(Kind.UNAVAILABLE, "A dependency is unavailable; the request may be retried."),
  INTERNAL(Kind.INTERNAL, "An unexpected error; nothing was written.");

  /**
   * Transport-neutral class of an error, mapped to gRPC or HTTP status only at the edges. The first
   * six are business outcomes: the request was understood and refused, nothing was written, and the
   * same request will be refused again. The last three are about the system, not the request: the
   * same request may succeed later.
   */
  public enum Kind {
    INVALID_ARGUMENT(false),
    NOT_FOUND(false),
    CONFLICT(false),
    FAILED_PRECONDITION(false),
    UNAUTHENTICATED(false),
    PERMISSION_DENIED(false),
    RESOURCE_EXHAUSTED(true),
    UNAVAILABLE(true),
    INTERNAL(true);

    private final boolean retryable;

    Kind(boolean retryable) {
      this.retryable = retryable;
    }

    /** Whether the same request may succeed when it is sent again later. */
    public boolean retryable() {
      return retryable;
    }
  }

  private final Kind kind;
  private final String description;

  ErrorCode(Kind kind, String description) {
    this.kind = kind;
    this.description = description;
  }

  public Kind kind() {
    return kind;
  }

  /** A one-line, human-readable meaning, safe to show to players. */
  public String description() {
    return description;
  }

  /**
   * Whether the same request may succeed later ({@link Kind#retryable()}): {@code false} for a
   * business refusal, which a retry under the same idempotency key would only repeat, {@code true}
   * for a dependency that is down, a limit that resets, or an unexpected failure.
   */
  public boolean retryable() {
    return kind.retryable();
  }

  /**
   * The code named {@code name}, if the catalogue has one: the reading side of a code that crossed
   * a transport as text (a gRPC trailer, a Temporal failure type, a JSON field).
   */
  public static Optional<ErrorCode> named(String name) {
    if (name == null) {
      return Optional.empty();
    }
    for (ErrorCode c : values()) {
      if (c.name().equals(name)) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }
}
