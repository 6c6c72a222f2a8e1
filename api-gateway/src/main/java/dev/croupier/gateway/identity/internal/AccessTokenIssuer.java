package dev.croupier.gateway.identity.internal;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import dev.croupier.gateway.identity.AuthenticatedPlayer;
import dev.croupier.gateway.identity.IdentityProperties;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.stereotype.Component;

/**
 * Mints access tokens: RFC 9068-style JWTs ({@code typ at+jwt}) with {@code sub} = user ID, {@code
 * device_id}, {@code roles}, {@code iss}, {@code aud}, {@code exp}, {@code iat} and {@code jti}.
 */
@Component
final class AccessTokenIssuer {
  static final String TYPE = "at+jwt";

  private final NimbusJwtEncoder encoder;
  private final String keyId;
  private final IdentityProperties properties;
  private final Clock clock;

  AccessTokenIssuer(AccessTokenKeys keys, IdentityProperties properties, Clock clock) {
    this.encoder = new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(keys.signingKey())));
    this.keyId = keys.signingKey().getKeyID();
    this.properties = properties;
    this.clock = clock;
  }

  record Issued(String token, Instant issuedAt, Instant expiresAt) {}

  Issued issue(UUID userId, String deviceId, List<String> roles) {
    Instant now = clock.instant();
    Instant expiresAt = now.plus(properties.accessTokenTtl());
    JwtClaimsSet claims =
        JwtClaimsSet.builder()
            .issuer(properties.issuer())
            .audience(List.of(properties.audience()))
            .subject(userId.toString())
            .issuedAt(now)
            .expiresAt(expiresAt)
            .id(UUID.randomUUID().toString())
            .claim(AuthenticatedPlayer.DEVICE_ID_CLAIM, deviceId)
            .claim(AuthenticatedPlayer.ROLES_CLAIM, roles)
            .build();
    JwsHeader header = JwsHeader.with(SignatureAlgorithm.RS256).keyId(keyId).type(TYPE).build();
    String token = encoder.encode(JwtEncoderParameters.from(header, claims)).getTokenValue();
    return new Issued(token, now, expiresAt);
  }
}
