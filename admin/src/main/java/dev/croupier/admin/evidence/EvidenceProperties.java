package dev.croupier.admin.evidence;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Evidence settings, under {@code croupier.admin.evidence}.
 *
 * @param workersUrl the workers' evidence port ({@code CROUPIER_WORKERS_EVIDENCE_URL}), reached
 *     with admin's service certificate ({@code croupier.admin.tls})
 * @param signingKey the export key: base64 PKCS#8 Ed25519 ({@code CROUPIER_EVIDENCE_SIGNING_KEY});
 *     the launcher keeps a dev one in {@code .croupier/evidence-signing.key}. Empty: exports are
 *     refused, saying so
 * @param directory where bundles are written ({@code CROUPIER_EVIDENCE_DIR})
 * @param taskQueue the export workflows' task queue, which this app's worker polls
 * @param maxSessions the most sessions one player export may hold; a range with more is refused
 *     with {@code EXPORT_SCOPE_TOO_LARGE}
 * @param maxHands the most hands one table export may hold; a range with more is refused with
 *     {@code EXPORT_SCOPE_TOO_LARGE}
 */
@Validated
@ConfigurationProperties("croupier.admin.evidence")
record EvidenceProperties(
    @DefaultValue("https://127.0.0.1:8442") @NotBlank String workersUrl,
    @DefaultValue("") String signingKey,
    @DefaultValue("croupier-evidence") @NotBlank String directory,
    @DefaultValue("croupier-evidence") @NotBlank String taskQueue,
    @DefaultValue("200") @Min(1) @Max(10_000) int maxSessions,
    @DefaultValue("5000") @Min(1) @Max(100_000) int maxHands) {}
