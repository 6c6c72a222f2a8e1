package dev.croupier.workers.recall;

import dev.croupier.errors.CroupierException;
import dev.croupier.errors.ErrorCode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The game context's evidence reads for admin's inspector and bundles (see {@link
 * EvidenceSecurity}): the rounds of a session rebuilt from the projection, every run of the history
 * and the wallet, each with its proof and checks. Read-only; answering twice changes nothing.
 */
@RestController
class EvidenceController {
  /** A history larger than this is refused rather than held in memory. */
  static final int MAX_HISTORY_CHARS = 64 * 1024 * 1024;

  private final GameRecall recall;
  private final HandRecall hands;
  private final HistoryReplay replay;

  EvidenceController(GameRecall recall, HandRecall hands, HistoryReplay replay) {
    this.recall = recall;
    this.hands = hands;
    this.replay = replay;
  }

  /**
   * The replay check: the body is one workflow run's history in Temporal's JSON format (as {@code
   * temporal workflow show --output json} writes it); the answer says whether this build's workflow
   * code replays it, with the non-determinism detail when it does not. Changes nothing.
   */
  @PostMapping("/evidence/replay")
  HistoryReplay.Verdict replay(@RequestBody String history) {
    if (history.length() > MAX_HISTORY_CHARS) {
      throw new CroupierException(
          ErrorCode.PAYLOAD_TOO_LARGE, "a history of at most " + MAX_HISTORY_CHARS + " characters");
    }
    return replay.replay(history);
  }

  /** Every round of the session in order; an empty list for a session with no round. */
  @GetMapping("/evidence/sessions/{sessionId}/rounds")
  List<RoundRecall> sessionRounds(@PathVariable UUID sessionId) {
    return recall.session(sessionId);
  }

  /** One round, as recall rebuilds it; 404 {@code UNKNOWN_SESSION} when there is none. */
  @GetMapping("/evidence/sessions/{sessionId}/rounds/{round}")
  RoundRecall round(@PathVariable UUID sessionId, @PathVariable long round) {
    return recall.round(sessionId, round);
  }

  /**
   * The table's hands that started in {@code [from, to)} (both optional), in hand order, at most
   * {@code limit} (1 to {@value HandRecall#MAX_LIMIT}, default {@value HandRecall#MAX_LIMIT}), each
   * recalled with its checks; {@code truncated} when more started in the range (page on with a
   * later {@code from}). 404 {@code UNKNOWN_TABLE}; 400 {@code INVALID_TIME_RANGE} for a bound that
   * is no ISO-8601 instant or a range that ends before it starts; 400 {@code INVALID_LIMIT}.
   */
  @GetMapping("/evidence/tables/{tableId}/hands")
  HandRecall.Page tableHands(
      @PathVariable UUID tableId,
      @RequestParam(required = false) String from,
      @RequestParam(required = false) String to,
      @RequestParam(required = false) String limit) {
    Instant start = instant("from", from);
    Instant end = instant("to", to);
    if (start != null && end != null && !start.isBefore(end)) {
      throw new CroupierException(
          ErrorCode.INVALID_TIME_RANGE, "'from' " + start + " is not before 'to' " + end);
    }
    return hands.hands(tableId, start, end, limit(limit));
  }

  /** One hand, recalled with its checks; 404 {@code UNKNOWN_TABLE} or {@code UNKNOWN_HAND}. */
  @GetMapping("/evidence/tables/{tableId}/hands/{handNumber}")
  Map<String, Object> tableHand(@PathVariable UUID tableId, @PathVariable long handNumber) {
    return hands.hand(tableId, handNumber);
  }

  private static Instant instant(String name, String value) {
    if (value == null) {
      return null;
    }
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw new CroupierException(
          ErrorCode.INVALID_TIME_RANGE,
          "'" + name + "' is not an ISO-8601 instant such as 2026-01-31T20:00:00Z");
    }
  }

  private static int limit(String value) {
    if (value == null) {
      return HandRecall.MAX_LIMIT;
    }
    try {
      int limit = Integer.parseInt(value);
      if (limit >= 1 && limit <= HandRecall.MAX_LIMIT) {
        return limit;
      }
    } catch (NumberFormatException e) {
      // refused below
    }
    throw new CroupierException(
        ErrorCode.INVALID_LIMIT,
        "'limit' must be a whole number from 1 to " + HandRecall.MAX_LIMIT);
  }
}
