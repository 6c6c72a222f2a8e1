package dev.croupier.gateway.games;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where the gateway reads the live feature flags admin sets ({@link LiveFeatures}), and what holds
 * until it has read a flag, under {@code croupier.features}.
 *
 * @param autoSpin whether players may ask for several rounds in one {@code bet.place}, until the
 *     {@code auto-spin} flag is read from the topic
 * @param topic the compacted flags topic
 * @param bootstrapServers the Kafka cluster
 */
@Validated
@ConfigurationProperties("croupier.features")
public record Features(
    @DefaultValue("false") boolean autoSpin,
    @DefaultValue("admin.flags") @NotBlank String topic,
    @DefaultValue("127.0.0.1:9092") @NotBlank String bootstrapServers) {}
