package dev.croupier.workers;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the workers reach the wallet, under {@code croupier.wallet}.
 *
 * @param target {@code CROUPIER_WALLET_TARGET}, host:port of the wallet's gRPC API
 * @param tls the workers' mutual-TLS identity toward the wallet ({@code CROUPIER_TLS_CERT}, {@code
 *     CROUPIER_TLS_KEY}, {@code CROUPIER_TLS_CA}); its certificate must name {@code workers}
 * @param deadline the deadline of each wallet call; a call past it is retried with the same key
 * @param jackpotReseed minor units the house puts back into a progressive jackpot pool in the same
 *     post that pays it to a winner (default 10000: 100.00 COIN)
 */
@Validated
@ConfigurationProperties("croupier.wallet")
public record WalletClientProperties(
    @NotBlank String target,
    @Valid @NotNull Tls tls,
    @NotNull @DefaultValue("5s") Duration deadline,
    @PositiveOrZero @DefaultValue("10000") long jackpotReseed) {

  /** PEM files: certificate chain, PKCS#8 private key, and the CA that signs the wallet's. */
  public record Tls(
      @NotBlank String certificate, @NotBlank String privateKey, @NotBlank String trustedCa) {}
}
