package dev.croupier.gateway.recall;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where the workers' recall is, under {@code croupier.gateway.recall}.
 *
 * @param workersUrl the workers' HTTP base URL ({@code CROUPIER_WORKERS_URL})
 * @param timeout per call
 */
@Validated
@ConfigurationProperties("croupier.gateway.recall")
public record RecallProxyProperties(
    @DefaultValue("http://127.0.0.1:8082") @NotBlank String workersUrl,
    @DefaultValue("10s") @NotNull Duration timeout) {}
