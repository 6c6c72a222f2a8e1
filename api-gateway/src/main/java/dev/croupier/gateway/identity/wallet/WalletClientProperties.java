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
 * @param serviceTokenKey base64 HMAC key for service tokens, {@code CROUPIER_SERVICE_TOKEN_KEY}
 * @param deadline per call; past it the outcome is unknown and the grant is retried later
 */
@Validated
@ConfigurationProperties("croupier.wallet")
public record WalletClientProperties(
    @DefaultValue("127.0.0.1:9090") @NotBlank String target,
    @Nullable String serviceTokenKey,
    @DefaultValue("5s") @NotNull Duration deadline) {}
