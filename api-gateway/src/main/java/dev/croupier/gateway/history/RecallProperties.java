package dev.croupier.gateway.history;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where the workers serve game recall, under {@code croupier.gateway.recall}.
 *
 * @param baseUrl the workers' HTTP address, {@code http://127.0.0.1:$CROUPIER_WORKERS_PORT} by
 *     default
 * @param timeout per call; past it the player gets {@code UNAVAILABLE}
 */
@Validated
@ConfigurationProperties("croupier.gateway.recall")
public record RecallProperties(
    @NotBlank @DefaultValue("http://127.0.0.1:8082") String baseUrl,
    @NotNull @DefaultValue("5s") Duration timeout) {}
