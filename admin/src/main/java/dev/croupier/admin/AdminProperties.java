package dev.croupier.admin;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The admin app's settings, under {@code croupier.admin}.
 *
 * @param secretKeys AES-256 keys (base64) that seal staff TOTP secrets at rest; the first seals,
 *     all open ({@code CROUPIER_ADMIN_SECRET_KEYS}; the launcher keeps a dev one in {@code
 *     .croupier/})
 * @param issuer the name authenticator apps show beside a staff member's codes
 * @param baseUrl where staff reach this app, for enrolment links
 * @param secureCookie whether the session cookie is {@code Secure} (browsers send it over http to
 *     127.0.0.1 and localhost too)
 * @param signIn how failed sign-ins slow down and lock a source
 * @param enrolmentTtl how long an invitation's enrolment link works
 * @param argon2 the cost of staff password hashes
 * @param approvals when an adjustment needs a second ADMIN, and for how long it waits
 * @param kafka the cluster, the flags topic admin writes, the ledger and alert topics it follows
 * @param temporal the Temporal cluster (sessions, tables, approvals) and its Web UI
 * @param tls admin's mutual-TLS identity toward the services it calls (the wallet, identity): the
 *     certificate (CN {@code admin}), its key and the CA ({@code CROUPIER_TLS_CERT}, {@code
 *     CROUPIER_TLS_KEY}, {@code CROUPIER_TLS_CA}; the launcher makes dev ones)
 * @param wallet how admin calls the wallet
 * @param identity how admin calls the identity context's staff API
 * @param realtimeUrl the realtime app's HTTP API (hourly revenue)
 * @param prometheusUrl a Prometheus that scrapes the platform, for the dashboard's figures from
 *     metrics (players online, outbox lag); empty: those figures are not shown
 */
@Validated
@ConfigurationProperties("croupier.admin")
public record AdminProperties(
    @NotEmpty List<String> secretKeys,
    @DefaultValue("Croupier") @NotBlank String issuer,
    @DefaultValue("http://127.0.0.1:8081") @NotBlank String baseUrl,
    @DefaultValue("true") boolean secureCookie,
    @DefaultValue @Valid SignIn signIn,
    @DefaultValue("24h") @NotNull Duration enrolmentTtl,
    @DefaultValue @Valid Argon2 argon2,
    @DefaultValue @Valid Approvals approvals,
    @DefaultValue @Valid Kafka kafka,
    @DefaultValue @Valid Temporal temporal,
    @DefaultValue @Valid Tls tls,
    @DefaultValue @Valid Wallet wallet,
    @DefaultValue @Valid Identity identity,
    @DefaultValue("http://127.0.0.1:8083") @NotBlank String realtimeUrl,
    @DefaultValue("") String prometheusUrl) {

  /**
   * @param target {@code CROUPIER_TEMPORAL_TARGET}
   * @param namespace {@code CROUPIER_TEMPORAL_NAMESPACE}
   * @param taskQueue the approval workflows' task queue, which this app's worker polls
   * @param webUiUrl the Temporal Web UI, for links from the player and session pages
   * @param worker whether this process polls the task queue
   */
  public record Temporal(
      @DefaultValue("127.0.0.1:7233") @NotBlank String target,
      @DefaultValue("croupier") @NotBlank String namespace,
      @DefaultValue("croupier-admin") @NotBlank String taskQueue,
      @DefaultValue("http://127.0.0.1:8233") @NotBlank String webUiUrl,
      @DefaultValue("true") boolean worker) {}

  /**
   * @param target {@code CROUPIER_WALLET_TARGET}
   * @param deadline how long one wallet call may take
   */
  public record Wallet(
      @DefaultValue("127.0.0.1:9090") @NotBlank String target,
      @DefaultValue("5s") @NotNull Duration deadline) {}

  /**
   * @param target {@code CROUPIER_IDENTITY_TARGET}: the gateway's staff API
   * @param deadline how long one call may take
   */
  public record Identity(
      @DefaultValue("127.0.0.1:9095") @NotBlank String target,
      @DefaultValue("5s") @NotNull Duration deadline) {}

  /** Paths of a PEM certificate chain, its PKCS#8 key, and the trusted CA. */
  public record Tls(String certificate, String privateKey, String trustedCa) {}

  /**
   * @param bootstrapServers {@code CROUPIER_KAFKA_BOOTSTRAP}
   * @param flagsTopic the compacted topic every node reads the flags from
   * @param entriesTopic the wallet's ledger entries, for the live ledger
   * @param alertsTopic the game context's compliance alerts, kept in {@code
   *     admin.compliance_alerts}
   */
  public record Kafka(
      @DefaultValue("127.0.0.1:9092") @NotBlank String bootstrapServers,
      @DefaultValue("admin.flags") @NotBlank String flagsTopic,
      @DefaultValue("wallet.entries") @NotBlank String entriesTopic,
      @DefaultValue("compliance.alerts") @NotBlank String alertsTopic) {}

  /**
   * @param maxFailures failures from one source within {@code window} before it is locked
   * @param window how far back failures count
   * @param lockout how long a locked source waits
   */
  public record SignIn(
      @DefaultValue("5") @Min(1) @Max(100) int maxFailures,
      @DefaultValue("15m") @NotNull Duration window,
      @DefaultValue("15m") @NotNull Duration lockout) {}

  /** Argon2id cost; the defaults are OWASP's recommendation for staff: 47 MiB, 1 pass. */
  public record Argon2(
      @DefaultValue("47104") @Min(8192) int memoryKib,
      @DefaultValue("1") @Min(1) int iterations,
      @DefaultValue("1") @Min(1) int parallelism) {}

  /**
   * @param thresholds per currency, the largest absolute amount (minor units) one staff member may
   *     post alone; above it a second ADMIN approves
   * @param ttl how long an adjustment waits for approval before it expires
   */
  public record Approvals(
      Map<String, Long> thresholds, @DefaultValue("24h") @NotNull Duration ttl) {
    public Approvals {
      thresholds = thresholds == null ? Map.of("COIN", 100_000L) : Map.copyOf(thresholds);
    }

    /** The threshold of {@code currency}; a currency not listed always needs approval. */
    public long threshold(String currency) {
      return thresholds.getOrDefault(currency, 0L);
    }
  }
}
