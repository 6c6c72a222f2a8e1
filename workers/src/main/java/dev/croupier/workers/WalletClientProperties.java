package dev.croupier.workers;

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
 * @param serviceTokenKey {@code CROUPIER_SERVICE_TOKEN_KEY}, base64
 * @param deadline the deadline of each wallet call; a call past it is retried with the same key
 * @param jackpotReseed minor units the house puts back into a progressive jackpot pool in the same
 *     post that pays it to a winner (default 10000: 100.00 COIN)
 */
@Validated
@ConfigurationProperties("croupier.wallet")
public record WalletClientProperties(
    @NotBlank String target,
    @NotBlank String serviceTokenKey,
    @NotNull @DefaultValue("5s") Duration deadline,
    @PositiveOrZero @DefaultValue("10000") long jackpotReseed) {}
