package dev.croupier.workers.recall;

import jakarta.validation.constraints.NotBlank;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Who may read recall, under {@code croupier.recall}.
 *
 * @param jwksUri the gateway's JWKS ({@code CROUPIER_RECALL_JWKS_URI}), fetched when the first
 *     token arrives and cached
 * @param publicKeys instead of the JWKS: the gateway's RSA public keys as PEM blocks
 * @param issuer the {@code iss} the tokens must carry
 * @param audience the {@code aud} the tokens must carry
 */
@Validated
@ConfigurationProperties("croupier.recall")
record RecallProperties(
    @DefaultValue("http://127.0.0.1:8080/.well-known/jwks.json") @NotBlank String jwksUri,
    @Nullable String publicKeys,
    @DefaultValue("urn:croupier:identity") @NotBlank String issuer,
    @DefaultValue("croupier") @NotBlank String audience) {}
