package dev.croupier.gateway.ws;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Game tables on the socket, under {@code croupier.gateway.tables}. See PROTOCOL.md, "Tables".
 *
 * @param eventsTopic the table events every gateway node reads (from its end, no consumer group) to
 *     know when to push fresh views; the brokers are {@code
 *     croupier.gateway.realtime.bootstrap-servers}
 * @param maxWatchedPerSocket tables one socket may watch at once
 */
@Validated
@ConfigurationProperties("croupier.gateway.tables")
public record TableProperties(
    @DefaultValue("table.events") @NotBlank String eventsTopic,
    @DefaultValue("4") @Min(1) @Max(64) int maxWatchedPerSocket) {}
