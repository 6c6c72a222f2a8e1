package dev.croupier.workers.recall;

import java.util.List;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The game context's evidence reads for admin's inspector and bundles (see {@link
 * EvidenceSecurity}): the rounds of a session rebuilt from the projection, every run of the history
 * and the wallet, each with its proof and checks. Read-only; answering twice changes nothing.
 */
@RestController
class EvidenceController {
  private final GameRecall recall;

  EvidenceController(GameRecall recall) {
    this.recall = recall;
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
