package dev.croupier.wallet;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The wallet's configuration, under {@code croupier.wallet}; application.yml maps the launcher's
 * environment variables onto it.
 *
 * @param realMoneyEnabled {@code CROUPIER_REAL_MONEY_ENABLED}: REAL currencies (CASH) are disabled
 *     unless true
 * @param tls the wallet's own certificate and the CA that signs its callers' certificates
 * @param welcomeGrant what OpenAccount with welcome_grant posts once per player
 */
@Validated
@ConfigurationProperties("croupier.wallet")
public record WalletProperties(
    boolean realMoneyEnabled,
    @Valid @NotNull Tls tls,
    @Valid @NotNull WelcomeGrant welcomeGrant,
    @Valid @NotNull Grpc grpc,
    @Valid @NotNull Posting posting,
    @Valid @NotNull Outbox outbox) {

  /**
   * The wallet's mutual-TLS identity: PEM files, {@code CROUPIER_TLS_CERT}, {@code
   * CROUPIER_TLS_KEY}, {@code CROUPIER_TLS_CA}. Plaintext is never served.
   */
  public record Tls(
      @NotBlank String certificate, @NotBlank String privateKey, @NotBlank String trustedCa) {}

  /**
   * The play money a new player gets, posted by the wallet itself from the PROMO account once per
   * player (key {@code grant/welcome/<user id>}) when the gateway opens the account.
   *
   * @param currency the play-money currency code
   * @param amount minor units; 0 for none
   */
  public record WelcomeGrant(@NotBlank String currency, @Min(0) long amount) {}

  /** Where the gRPC server listens: loopback unless configured otherwise. */
  public record Grpc(@NotBlank String host, @Min(0) @Max(65535) int port) {}

  /** Group commit tuning; see {@code PostingSettings}. */
  public record Posting(
      @Min(1) @Max(64) int committers,
      @Min(1) @Max(1024) int maxBatch,
      @Min(1) int queueCapacity,
      @Min(2) @Max(256) int maxLegs) {}

  /** The relay to Kafka. */
  public record Outbox(
      boolean enabled,
      @NotBlank String bootstrapServers,
      @NotBlank String topic,
      @Min(1) @Max(10000) int batchSize,
      @NotNull Duration pollInterval,
      @NotNull Duration deliveryTimeout) {}
}
