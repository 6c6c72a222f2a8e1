package dev.croupier.gateway.identity.staff;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where the staff API listens, under {@code croupier.identity.staff-api}. It serves over mutual TLS
 * with the gateway's own certificate ({@code croupier.wallet.tls.*}); without one it does not
 * start.
 *
 * @param host the address it binds, loopback by default
 * @param port {@code CROUPIER_IDENTITY_GRPC_PORT}
 */
@Validated
@ConfigurationProperties("croupier.identity.staff-api")
public record StaffApiProperties(
    @DefaultValue("127.0.0.1") @NotBlank String host,
    @DefaultValue("9095") @Min(0) @Max(65535) int port) {}
