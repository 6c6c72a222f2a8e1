package dev.croupier.admin.evidence;

import dev.croupier.evidence.EvidenceKeys;
import java.security.KeyPair;
import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

/**
 * {@code evidence} in {@code /actuator/health} (not in readiness: sign-in and the audit log do not
 * need it): whether an export could run now. UP when the export key is present and usable, the
 * export worker polls, and the workers' evidence port answers admin's mutual-TLS identity.
 * OUT_OF_SERVICE when no export key is configured (exports are refused by design) or the worker is
 * switched off here; DOWN, with the reason, when the key does not decode, the worker is not
 * polling, or the evidence port does not answer or refuses admin. The details name the key only by
 * its public fingerprint, never the key.
 */
final class EvidenceHealthIndicator implements HealthIndicator {
  private final String signingKey;
  private final BooleanSupplier workerEnabled;
  private final BooleanSupplier workerPolling;
  private final GameEvidence game;
  private static final Duration PROBE_EVERY = Duration.ofSeconds(10);
  private volatile KeyCheck key;
  private volatile Probe lastProbe;

  private record Probe(long at, Optional<String> error) {}

  private record KeyCheck(String fingerprint, String error) {}

  /**
   * @param workerEnabled whether the export worker is meant to run in this process
   * @param workerPolling whether it polls its task queue now
   */
  EvidenceHealthIndicator(
      String signingKey,
      BooleanSupplier workerEnabled,
      BooleanSupplier workerPolling,
      GameEvidence game) {
    this.signingKey = signingKey;
    this.workerEnabled = workerEnabled;
    this.workerPolling = workerPolling;
    this.game = game;
  }

  @Override
  public Health health() {
    Health.Builder h = Health.up();
    if (signingKey.isBlank()) {
      return Health.outOfService()
          .withDetail("key", "absent")
          .withDetail(
              "error",
              "no export key is configured (CROUPIER_EVIDENCE_SIGNING_KEY): exports are refused")
          .build();
    }
    KeyCheck k = key();
    if (k.error() != null) {
      return Health.down().withDetail("key", "unusable").withDetail("error", k.error()).build();
    }
    h.withDetail("key", "present").withDetail("publicKeySha256", k.fingerprint());
    if (!workerEnabled.getAsBoolean()) {
      return h.status(Status.OUT_OF_SERVICE)
          .withDetail("worker", "OFF")
          .withDetail("error", "the export worker does not run in this process")
          .build();
    }
    if (!workerPolling.getAsBoolean()) {
      return h.down()
          .withDetail("worker", "NOT_POLLING")
          .withDetail("error", "the export worker is not polling its task queue (Temporal)")
          .build();
    }
    h.withDetail("worker", "POLLING");
    Optional<String> port = probe();
    if (port.isPresent()) {
      return h.down()
          .withDetail("workersEvidencePort", "NOT_ANSWERING")
          .withDetail("error", port.get())
          .build();
    }
    return h.withDetail("workersEvidencePort", "ANSWERS").build();
  }

  /** The evidence port's answer, asked at most every {@link #PROBE_EVERY}: scrapes ask too. */
  private Optional<String> probe() {
    Probe p = lastProbe;
    long now = System.nanoTime();
    if (p == null || now - p.at() > PROBE_EVERY.toNanos()) {
      p = new Probe(now, game.probe());
      lastProbe = p;
    }
    return p.error();
  }

  /** 1 while an export could run ({@code evidence} is UP), else 0: for the alert rule. */
  int ready() {
    return Status.UP.equals(health().getStatus()) ? 1 : 0;
  }

  private KeyCheck key() {
    KeyCheck k = key;
    if (k == null) {
      try {
        KeyPair pair = EvidenceKeys.decodePrivate(signingKey);
        k = new KeyCheck(EvidenceKeys.fingerprint(pair.getPublic()), null);
      } catch (RuntimeException e) {
        // The exception's text could quote the key: say only that it does not decode.
        k = new KeyCheck(null, "the export key is not a base64 PKCS#8 Ed25519 key");
      }
      key = k;
    }
    return k;
  }
}
