package dev.croupier.gateway.games;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where Temporal is and how game sessions are called, under {@code croupier.temporal}; the same
 * keys as the workers app, so one environment configures both.
 *
 * @param target {@code CROUPIER_TEMPORAL_TARGET}, host:port of the frontend
 * @param namespace {@code CROUPIER_TEMPORAL_NAMESPACE}
 * @param taskQueue the session task queue the workers poll
 * @param workflowTaskTimeout how long a workflow task may run before another worker gets it
 * @param callTimeout how long one open, bet or close may take, retries included
 * @param tls TLS to the frontend; all blank (the default) for plaintext, as the dev server speaks
 */
@Validated
@ConfigurationProperties("croupier.temporal")
public record TemporalClientProperties(
    @DefaultValue("127.0.0.1:7233") @NotBlank String target,
    @DefaultValue("croupier") @NotBlank String namespace,
    @DefaultValue("game-sessions") @NotBlank String taskQueue,
    @DefaultValue("10s") @NotNull Duration workflowTaskTimeout,
    @DefaultValue("30s") @NotNull Duration callTimeout,
    @DefaultValue @NotNull Tls tls) {

  /** TLS to the Temporal frontend; see {@code dev.croupier.client.TemporalTls}. */
  public record Tls(
      @DefaultValue("") String certificate,
      @DefaultValue("") String privateKey,
      @DefaultValue("") String trustedCa,
      @DefaultValue("") String serverName) {}
}
