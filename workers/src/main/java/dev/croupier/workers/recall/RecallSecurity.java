package dev.croupier.workers.recall;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.croupier.errors.ErrorCode;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import tools.jackson.databind.json.JsonMapper;

/**
 * Recall answers only a caller with a verified access token: the player for their own rounds (the
 * web client reaches it through the gateway with the player's token) or staff (roles ADMIN, OPS,
 * COMPLIANCE) for any. Tokens are the gateway's RS256 access tokens, checked against its JWKS
 * ({@code croupier.recall.jwks-uri}) or against public keys given in PEM ({@code
 * croupier.recall.public-keys}); no secret is shared. Health and metrics live on the management
 * port. Every refusal is a problem with a code.
 */
@Configuration(proxyBeanMethods = false)
class RecallSecurity {
  private static final Pattern PUBLIC_KEY =
      Pattern.compile("-----BEGIN PUBLIC KEY-----([A-Za-z0-9+/=\\s]+)-----END PUBLIC KEY-----");

  @Bean
  JwtDecoder recallTokenDecoder(RecallProperties properties) {
    NimbusJwtDecoder decoder;
    if (properties.publicKeys() != null && !properties.publicKeys().isBlank()) {
      DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
      processor.setJWSTypeVerifier(
          new DefaultJOSEObjectTypeVerifier<>(new JOSEObjectType("at+jwt")));
      processor.setJWSKeySelector(
          new JWSVerificationKeySelector<>(
              JWSAlgorithm.RS256, new ImmutableJWKSet<>(keys(properties.publicKeys()))));
      processor.setJWTClaimsSetVerifier((claims, context) -> {});
      decoder = new NimbusJwtDecoder(processor);
    } else {
      decoder =
          NimbusJwtDecoder.withJwkSetUri(properties.jwksUri())
              .jwsAlgorithm(org.springframework.security.oauth2.jose.jws.SignatureAlgorithm.RS256)
              .jwtProcessorCustomizer(
                  p ->
                      p.setJWSTypeVerifier(
                          new DefaultJOSEObjectTypeVerifier<>(new JOSEObjectType("at+jwt"))))
              .build();
    }
    OAuth2TokenValidator<Jwt> validator =
        new DelegatingOAuth2TokenValidator<>(
            List.of(
                new JwtTimestampValidator(),
                new JwtIssuerValidator(properties.issuer()),
                new JwtClaimValidator<List<String>>(
                    "aud", aud -> aud != null && aud.contains(properties.audience())),
                new JwtClaimValidator<Object>("sub", java.util.Objects::nonNull)));
    decoder.setJwtValidator(validator);
    return decoder;
  }

  private static JWKSet keys(String pems) {
    List<com.nimbusds.jose.jwk.JWK> out = new ArrayList<>();
    Matcher m = PUBLIC_KEY.matcher(pems);
    while (m.find()) {
      try {
        RSAPublicKey key =
            (RSAPublicKey)
                KeyFactory.getInstance("RSA")
                    .generatePublic(
                        new X509EncodedKeySpec(
                            Base64.getDecoder().decode(m.group(1).replaceAll("\\s", ""))));
        RSAKey jwk = new RSAKey.Builder(key).build();
        out.add(new RSAKey.Builder(jwk).keyID(jwk.computeThumbprint().toString()).build());
      } catch (Exception e) {
        throw new IllegalStateException(
            "croupier.recall.public-keys holds a key that is not an RSA public key: "
                + e.getMessage(),
            e);
      }
    }
    if (out.isEmpty()) {
      throw new IllegalStateException("croupier.recall.public-keys holds no PEM public key.");
    }
    return new JWKSet(out);
  }

  @Bean
  SecurityFilterChain recallSecurityChain(HttpSecurity http, JwtDecoder decoder, JsonMapper json)
      throws Exception {
    http.csrf(AbstractHttpConfigurer::disable)
        .formLogin(AbstractHttpConfigurer::disable)
        .httpBasic(AbstractHttpConfigurer::disable)
        .logout(AbstractHttpConfigurer::disable)
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .authorizeHttpRequests(
            a -> a.requestMatchers("/error").permitAll().anyRequest().authenticated())
        .oauth2ResourceServer(
            o ->
                o.jwt(j -> j.decoder(decoder))
                    .authenticationEntryPoint(
                        (request, response, e) ->
                            problem(
                                json,
                                request,
                                response,
                                HttpStatus.UNAUTHORIZED,
                                ErrorCode.INVALID_TOKEN,
                                "Recall needs the player's or staff's access token: Authorization:"
                                    + " Bearer <token>."))
                    .accessDeniedHandler(
                        (request, response, e) ->
                            problem(
                                json,
                                request,
                                response,
                                HttpStatus.FORBIDDEN,
                                ErrorCode.FORBIDDEN,
                                ErrorCode.FORBIDDEN.description())))
        .exceptionHandling(
            e ->
                e.authenticationEntryPoint(
                    (request, response, ex) ->
                        problem(
                            json,
                            request,
                            response,
                            HttpStatus.UNAUTHORIZED,
                            ErrorCode.INVALID_TOKEN,
                            "Recall needs the player's or staff's access token.")));
    return http.build();
  }

  static void problem(
      JsonMapper json,
      HttpServletRequest request,
      HttpServletResponse response,
      HttpStatus status,
      ErrorCode code,
      String detail)
      throws IOException {
    if (response.isCommitted()) {
      return;
    }
    response.setStatus(status.value());
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    if (status == HttpStatus.UNAUTHORIZED) {
      response.setHeader("WWW-Authenticate", "Bearer");
    }
    json.writeValue(
        response.getOutputStream(),
        Map.of(
            "type",
            "https://croupier.dev/problems/" + code.name().toLowerCase().replace('_', '-'),
            "title",
            status.getReasonPhrase(),
            "status",
            status.value(),
            "detail",
            detail,
            "instance",
            request.getRequestURI(),
            "code",
            code.name()));
  }
}
