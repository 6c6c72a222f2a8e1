package dev.croupier.gateway.identity.internal;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSKeySelector;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.util.List;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * Access-token verification with Spring Security's Nimbus decoder: RS256 only (so {@code alg=none}
 * and HS256 signed with the public key are refused), header {@code typ at+jwt}, a {@code kid} that
 * names one of our published keys (a token without one is refused, not tried against every key), no
 * unknown {@code crit} header, then the claim validators.
 */
final class AccessTokenVerification {
  private AccessTokenVerification() {}

  static JwtDecoder decoder(JWKSet publicKeys, OAuth2TokenValidator<Jwt> validator) {
    JWSKeySelector<SecurityContext> byKid =
        new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, new ImmutableJWKSet<>(publicKeys));
    DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
    processor.setJWSTypeVerifier(
        new DefaultJOSEObjectTypeVerifier<>(new JOSEObjectType(AccessTokenIssuer.TYPE)));
    processor.setJWSKeySelector(
        (header, context) ->
            header.getKeyID() == null ? List.of() : byKid.selectJWSKeys(header, context));
    // Claims are checked by the validators below, as Spring's own builder does.
    processor.setJWTClaimsSetVerifier((claims, context) -> {});
    NimbusJwtDecoder decoder = new NimbusJwtDecoder(processor);
    decoder.setJwtValidator(validator);
    return decoder;
  }
}
