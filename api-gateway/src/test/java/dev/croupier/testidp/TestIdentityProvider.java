package dev.croupier.testidp;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Map;
import java.util.UUID;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.http.MediaType;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.OAuth2AuthorizationServerConfiguration;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;

/**
 * Spring Authorization Server as an OIDC provider with three people: Uma (verified email, new to
 * Croupier), Victor (verified email that a Croupier user already registered with a password) and
 * Nell (email not verified). It has one client, {@code croupier}, redirecting to the gateway.
 */
@Configuration(proxyBeanMethods = false)
@EnableAutoConfiguration
public class TestIdentityProvider {
  public static final String CLIENT_ID = "croupier";
  public static final String CLIENT_SECRET = "test-only-client-secret";

  /** Person → (email, email_verified, name). */
  static final Map<String, Object[]> PEOPLE =
      Map.of(
          "uma", new Object[] {"uma@example.com", true, "Uma Thurman"},
          "victor", new Object[] {"victor@example.com", true, "Victor"},
          "nell", new Object[] {"nell@example.com", false, "Nell"},
          "wanda", new Object[] {"wanda@example.com", true, "Wanda"},
          "xena", new Object[] {"xena@example.com", true, "Xena"});

  /** Starts it on a random loopback port; {@code redirectUri} is the gateway's callback. */
  public static ConfigurableApplicationContext start(String redirectUri) {
    return new SpringApplicationBuilder(TestIdentityProvider.class)
        .run(
            "--spring.config.name=testidp",
            "--server.address=127.0.0.1",
            "--server.port=0",
            // Its own cookie name: cookies do not tell ports apart, and the gateway is on this
            // host.
            "--server.servlet.session.cookie.name=IDPSESSION",
            "--spring.application.name=testidp",
            "--testidp.redirect-uri=" + redirectUri,
            "--spring.autoconfigure.exclude="
                + "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration,"
                + "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration,"
                + "org.springframework.boot.jooq.autoconfigure.JooqAutoConfiguration");
  }

  @Bean
  @Order(1)
  SecurityFilterChain authorizationServer(HttpSecurity http) throws Exception {
    http.oauth2AuthorizationServer(
            server -> {
              http.securityMatcher(server.getEndpointsMatcher());
              server.oidc(Customizer.withDefaults());
            })
        .authorizeHttpRequests(a -> a.anyRequest().authenticated())
        .exceptionHandling(
            e ->
                e.defaultAuthenticationEntryPointFor(
                    new LoginUrlAuthenticationEntryPoint("/login"),
                    new MediaTypeRequestMatcher(MediaType.TEXT_HTML)));
    return http.build();
  }

  @Bean
  @Order(2)
  SecurityFilterChain loginPage(HttpSecurity http) throws Exception {
    http.authorizeHttpRequests(a -> a.anyRequest().authenticated())
        .formLogin(Customizer.withDefaults());
    return http.build();
  }

  @Bean
  UserDetailsService people() {
    InMemoryUserDetailsManager users = new InMemoryUserDetailsManager();
    PEOPLE
        .keySet()
        .forEach(
            name ->
                users.createUser(
                    User.withUsername(name)
                        .password("{noop}" + name + "-password")
                        .roles("USER")
                        .build()));
    return users;
  }

  @Bean
  RegisteredClientRepository clients(Environment env) {
    RegisteredClient client =
        RegisteredClient.withId(UUID.randomUUID().toString())
            .clientId(CLIENT_ID)
            .clientSecret("{noop}" + CLIENT_SECRET)
            .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
            .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
            .redirectUri(env.getRequiredProperty("testidp.redirect-uri"))
            .scope(OidcScopes.OPENID)
            .scope(OidcScopes.EMAIL)
            .scope(OidcScopes.PROFILE)
            .clientSettings(ClientSettings.builder().requireAuthorizationConsent(false).build())
            .build();
    return new InMemoryRegisteredClientRepository(client);
  }

  /** Puts each person's email, email_verified and name into their ID token. */
  @Bean
  OAuth2TokenCustomizer<JwtEncodingContext> idTokenClaims() {
    return context -> {
      if (OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue())) {
        Object[] person = PEOPLE.get(context.getPrincipal().getName());
        context
            .getClaims()
            .claim("email", person[0])
            .claim("email_verified", person[1])
            .claim("name", person[2]);
      }
    };
  }

  @Bean
  JWKSource<SecurityContext> jwkSource() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    KeyPair pair = generator.generateKeyPair();
    RSAKey key =
        new RSAKey.Builder((RSAPublicKey) pair.getPublic())
            .privateKey((RSAPrivateKey) pair.getPrivate())
            .keyID(UUID.randomUUID().toString())
            .build();
    return new ImmutableJWKSet<>(new JWKSet(key));
  }

  @Bean
  JwtDecoder jwtDecoder(JWKSource<SecurityContext> jwkSource) {
    return OAuth2AuthorizationServerConfiguration.jwtDecoder(jwkSource);
  }

  @Bean
  AuthorizationServerSettings authorizationServerSettings() {
    return AuthorizationServerSettings.builder().build();
  }
}
