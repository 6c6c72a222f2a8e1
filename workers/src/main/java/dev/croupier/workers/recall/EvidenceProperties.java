package dev.croupier.workers.recall;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The evidence port, under {@code croupier.evidence}: HTTPS that requires a client certificate
 * signed by the services' CA, presenting the workers' own identity ({@code croupier.wallet.tls}).
 *
 * @param port the evidence port ({@code CROUPIER_WORKERS_EVIDENCE_PORT}); -1 (the default) keeps it
 *     closed, so only a stack that runs admin opens it (the launcher: 8442)
 * @param address where it listens, loopback unless told otherwise
 * @param reader the certificate common name allowed to read {@code /evidence/**}: admin's
 */
@Validated
@ConfigurationProperties("croupier.evidence")
record EvidenceProperties(
    @DefaultValue("-1") @Min(-1) @Max(65535) int port,
    @DefaultValue("127.0.0.1") @NotBlank String address,
    @DefaultValue("admin") @NotBlank String reader) {}
