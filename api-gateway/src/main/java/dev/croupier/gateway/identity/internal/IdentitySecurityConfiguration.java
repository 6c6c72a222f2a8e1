package dev.croupier.gateway.identity.internal;

import dev.croupier.gateway.identity.AuthenticatedPlayer;
import dev.croupier.gateway.identity.IdentityProperties;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.savedrequest.NullRequestCache;

/**
 * One stateless filter chain for the whole gateway. Every endpoint but the public auth ones needs
 * an access token in the {@code Authorization} header, checked by Spring Security's OAuth2 resource
 * server with its Nimbus decoder. The WebSocket upgrade, where browsers cannot set headers, takes a
 * one-time ticket instead (see {@code HandshakeGuard}); a token in a URL is never accepted. OIDC
 * login is switched on when providers are configured.
 */
@Configuration(proxyBeanMethods = false)
class IdentitySecurityConfiguration {
  static final String[] PUBLIC_POSTS = {
    "/auth/register", "/auth/login", "/auth/refresh", "/auth/logout", "/auth/oidc/token"
  };

  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }

  @Bean
  AccessTokenKeys accessTokenKeys(IdentityProperties properties) {
    return AccessTokenKeys.from(properties.jwt());
  }

  /**
   * Verifies access tokens with Spring Security's Nimbus decoder ({@link AccessTokenVerification}):
   * RS256 with a {@code kid} from our key set (the current key and the previous ones still
   * published), {@code typ at+jwt}, then issuer, audience, expiry with a small skew, the claims the
   * gateway relies on, the deny list of tokens revoked at logout, and the cut-off of a player that
   * staff locked or signed out.
   */
  @Bean
  JwtDecoder accessTokenDecoder(
      AccessTokenKeys keys,
      IdentityProperties properties,
      Clock clock,
      RevokedAccessTokens revoked,
      TokenCutoff cutoff) {
    JwtTimestampValidator timestamps = new JwtTimestampValidator(properties.clockSkew());
    timestamps.setClock(clock);
    OAuth2TokenValidator<Jwt> validator =
        new DelegatingOAuth2TokenValidator<>(
            List.of(
                required(JwtClaimNames.EXP),
                required(JwtClaimNames.IAT),
                required(JwtClaimNames.SUB),
                required(JwtClaimNames.JTI),
                required(AuthenticatedPlayer.DEVICE_ID_CLAIM),
                timestamps,
                new JwtIssuerValidator(properties.issuer()),
                new JwtClaimValidator<List<String>>(
                    JwtClaimNames.AUD, aud -> aud != null && aud.contains(properties.audience())),
                revoked,
                cutoff));
    return AccessTokenVerification.decoder(keys.publicKeys(), validator);
  }

  private static OAuth2TokenValidator<Jwt> required(String claim) {
    return new JwtClaimValidator<Object>(claim, Objects::nonNull);
  }

  @Bean
  SecurityFilterChain gatewaySecurity(
      HttpSecurity http,
      JwtDecoder decoder,
      ProblemSecurityHandlers problems,
      ObjectProvider<ClientRegistrationRepository> oidcProviders,
      OidcLoginHandlers oidcHandlers)
      throws Exception {
    JwtGrantedAuthoritiesConverter roles = new JwtGrantedAuthoritiesConverter();
    roles.setAuthoritiesClaimName(AuthenticatedPlayer.ROLES_CLAIM);
    roles.setAuthorityPrefix("ROLE_");
    JwtAuthenticationConverter authentication = new JwtAuthenticationConverter();
    authentication.setJwtGrantedAuthoritiesConverter(roles);

    http.csrf(AbstractHttpConfigurer::disable)
        .formLogin(AbstractHttpConfigurer::disable)
        .httpBasic(AbstractHttpConfigurer::disable)
        .logout(AbstractHttpConfigurer::disable)
        .requestCache(c -> c.requestCache(new NullRequestCache()))
        // Authentication lives in bearer tokens only, never in a session cookie.
        .securityContext(
            c -> c.securityContextRepository(new RequestAttributeSecurityContextRepository()))
        .authorizeHttpRequests(
            a ->
                a.requestMatchers(HttpMethod.POST, PUBLIC_POSTS)
                    .permitAll()
                    .requestMatchers(HttpMethod.GET, "/.well-known/jwks.json", "/auth/providers")
                    .permitAll()
                    // The web client's static files; everything it fetches after needs a token.
                    .requestMatchers(
                        HttpMethod.GET,
                        "/",
                        "/index.html",
                        "/favicon.ico",
                        "/css/**",
                        "/js/**",
                        "/img/**",
                        "/protocol/**")
                    .permitAll()
                    .requestMatchers("/oauth2/authorization/**", "/login/oauth2/code/**", "/error")
                    .permitAll()
                    // The upgrade authenticates with a one-time ticket (or a bearer header) in
                    // HandshakeGuard and HandshakeAuth; a token in the URL is refused there.
                    .requestMatchers(HttpMethod.GET, "/ws")
                    .permitAll()
                    .anyRequest()
                    .authenticated())
        .oauth2ResourceServer(
            o ->
                o.jwt(j -> j.decoder(decoder).jwtAuthenticationConverter(authentication))
                    .bearerTokenResolver(bearerTokens())
                    .authenticationEntryPoint(problems)
                    .accessDeniedHandler(problems))
        .exceptionHandling(e -> e.authenticationEntryPoint(problems).accessDeniedHandler(problems));
    if (oidcProviders.getIfAvailable() != null) {
      http.oauth2Login(o -> o.successHandler(oidcHandlers).failureHandler(oidcHandlers));
    }
    return http.build();
  }

  /** The {@code Authorization} header only: a token in a URL is never read (it ends up in logs). */
  private static BearerTokenResolver bearerTokens() {
    return new DefaultBearerTokenResolver();
  }
}
