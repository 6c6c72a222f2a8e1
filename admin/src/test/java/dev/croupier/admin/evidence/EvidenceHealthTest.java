package dev.croupier.admin.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.croupier.devstack.Ports;
import dev.croupier.evidence.EvidenceKeys;
import java.security.KeyPair;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

/**
 * The evidence health component names what stops an export, and never the key: no key is
 * OUT_OF_SERVICE; a key that does not decode, a worker that does not poll, or an evidence port that
 * does not answer (a real connection to a closed port) is DOWN with its reason. UP against the real
 * workers is in {@link EvidenceExportTest}.
 */
class EvidenceHealthTest {
  private static final KeyPair KEY = EvidenceKeys.generate();
  private static final String ENCODED = EvidenceKeys.encodePrivate(KEY.getPrivate());

  private static GameEvidence closedPort() {
    return new GameEvidence(
        () -> {
          try {
            return SSLContext.getDefault();
          } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
          }
        },
        "https://127.0.0.1:" + Ports.freePort());
  }

  @Test
  void withoutAKeyExportsAreOutOfService() {
    Health h = new EvidenceHealthIndicator("", () -> true, () -> true, closedPort()).health();
    assertThat(h.getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
    assertThat(h.getDetails()).containsEntry("key", "absent");
  }

  @Test
  void aKeyThatDoesNotDecodeIsDownWithoutQuotingIt() {
    String bad = "c2VjcmV0LWJ1dC1ub3QtYS1rZXk=";
    Health h = new EvidenceHealthIndicator(bad, () -> true, () -> true, closedPort()).health();
    assertThat(h.getStatus()).isEqualTo(Status.DOWN);
    assertThat(h.getDetails().get("error").toString()).contains("not a base64 PKCS#8 Ed25519");
    assertThat(h.getDetails().toString()).doesNotContain(bad);
  }

  @Test
  void aWorkerThatIsOffOrNotPollingIsNamed() {
    Health off =
        new EvidenceHealthIndicator(ENCODED, () -> false, () -> false, closedPort()).health();
    assertThat(off.getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
    assertThat(off.getDetails()).containsEntry("worker", "OFF");
    Health waiting =
        new EvidenceHealthIndicator(ENCODED, () -> true, () -> false, closedPort()).health();
    assertThat(waiting.getStatus()).isEqualTo(Status.DOWN);
    assertThat(waiting.getDetails()).containsEntry("worker", "NOT_POLLING");
    assertThat(waiting.getDetails().toString()).doesNotContain(ENCODED);
  }

  @Test
  void anEvidencePortThatDoesNotAnswerIsDownWithItsReason() {
    Health h = new EvidenceHealthIndicator(ENCODED, () -> true, () -> true, closedPort()).health();
    assertThat(h.getStatus()).isEqualTo(Status.DOWN);
    assertThat(h.getDetails())
        .containsEntry("workersEvidencePort", "NOT_ANSWERING")
        .containsEntry("publicKeySha256", EvidenceKeys.fingerprint(KEY.getPublic()));
    assertThat(h.getDetails().get("error").toString()).contains("unreachable");
    assertThat(h.getDetails().toString()).doesNotContain(ENCODED);
  }
}
