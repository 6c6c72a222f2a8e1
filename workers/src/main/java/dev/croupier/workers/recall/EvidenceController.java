package dev.croupier.workers.recall;

import dev.croupier.errors.CroupierException;
import dev.croupier.errors.ErrorCode;
import java.util.List;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
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
  private final HistoryReplay replay;

  EvidenceController(GameRecall recall, HistoryReplay replay) {
    this.recall = recall;
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
}
