package dev.croupier.gateway.identity.wallet;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How to reach the wallet, under {@code croupier.wallet}.
 *
 * @param target gRPC target, {@code CROUPIER_WALLET_TARGET}
 * @param tls the gateway's mutual-TLS identity toward the wallet ({@code CROUPIER_TLS_CERT}, {@code
 *     CROUPIER_TLS_KEY}, {@code CROUPIER_TLS_CA}); its certificate must name {@code api-gateway}
 * @param deadline per call; past it the outcome is unknown and the grant is retried later
 */
@Validated
@ConfigurationProperties("croupier.wallet")
public record WalletClientProperties(
    @DefaultValue("127.0.0.1:9090") @NotBlank String target,
    @DefaultValue @NotNull Tls tls,
    @DefaultValue("5s") @NotNull Duration deadline) {

  /** PEM files: certificate chain, PKCS#8 private key, and the CA that signs the wallet's. */
  public record Tls(
      @Nullable String certificate, @Nullable String privateKey, @Nullable String trustedCa) {}
}
