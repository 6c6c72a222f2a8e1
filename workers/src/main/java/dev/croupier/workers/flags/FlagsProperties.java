package dev.croupier.workers.flags;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where the workers read the live feature flags, under {@code croupier.flags}.
 *
 * @param topic the compacted flags topic admin writes
 * @param bootstrapServers the Kafka cluster ({@code CROUPIER_KAFKA_BOOTSTRAP})
 */
@Validated
@ConfigurationProperties("croupier.flags")
public record FlagsProperties(
    @DefaultValue("admin.flags") @NotBlank String topic,
    @DefaultValue("127.0.0.1:9092") @NotBlank String bootstrapServers) {}
