package dev.croupier.workers;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The keys that seal server seeds in Temporal payloads ({@code SeedSealing}), under {@code
 * croupier.seeds}.
 *
 * @param sealingKeys {@code CROUPIER_SEED_SEALING_KEYS}: base64 of 32 random bytes each, separated
 *     by commas, the sealing key first; keep a retired key until every session and table sealed
 *     with it has closed. Every worker of a deployment needs the same keys.
 */
@Validated
@ConfigurationProperties("croupier.seeds")
public record SeedSealingProperties(@NotBlank String sealingKeys) {}
