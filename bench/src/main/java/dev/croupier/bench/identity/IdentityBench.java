package dev.croupier.bench.identity;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSKeySelector;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.croupier.bench.BenchTls;
import dev.croupier.wallet.WalletApplication;
import dev.croupier.wallet.api.ServiceNames;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * Runs the real gateway and the real wallet in this JVM over a fresh PostgreSQL database, then
 * measures (1) registration, (2) password logins per second over HTTP with several concurrent
 * clients, bound by the Argon2id cost, and (3) access-token validations per second on one thread
 * through the gateway's own {@link JwtDecoder} bean, the check every request and WebSocket upgrade
 * makes. The gateway is loaded by name: an app is a leaf that bench may not link against, so the
 * run script puts it on the class path.
 */
public final class IdentityBench {
  private static final Logger log = LoggerFactory.getLogger(IdentityBench.class);
  private static final String PASSWORD = "benchmark password 1";
  private static final Pattern ACCESS_TOKEN = Pattern.compile("\"accessToken\":\"([^\"]+)\"");

  private IdentityBench() {}

  public static void main(String[] args) throws Exception {
    String url = System.getProperty("bench.db.url");
    String user = System.getProperty("bench.db.user", "croupier");
    String password = System.getProperty("bench.db.password", "croupier");
    int users = Integer.getInteger("bench.users", 40);
    int clients = Integer.getInteger("bench.clients", 4);
    Duration loginDuration = Duration.ofSeconds(Integer.getInteger("bench.login.s", 20));
    Duration validationDuration = Duration.ofSeconds(Integer.getInteger("bench.validate.s", 10));
    Path out = Path.of(System.getProperty("bench.out", "bench/results/identity-bench.txt"));

    BenchTls serviceKey = new BenchTls();
    int walletPort = freePort();
    try (ConfigurableApplicationContext wallet =
            startWallet(url, user, password, serviceKey, walletPort);
        ConfigurableApplicationContext gateway =
            startGateway(url, user, password, serviceKey, walletPort)) {
      int port =
          Integer.parseInt(gateway.getEnvironment().getRequiredProperty("local.server.port"));
      HttpClient http = HttpClient.newHttpClient();
      String base = "http://127.0.0.1:" + port;

      long regStart = System.nanoTime();
      for (int i = 0; i < users; i++) {
        HttpResponse<String> r =
            post(
                http,
                base + "/auth/register",
                "{\"email\":\"bench%d@example.com\",\"password\":\"%s\",\"displayName\":\"Bench %d\"}"
                    .formatted(i, PASSWORD, i),
                i);
        if (r.statusCode() != 201) {
          throw new IllegalStateException("registration failed: " + r.body());
        }
      }
      double registrationsPerS = users / seconds(System.nanoTime() - regStart);

      // Warm up the login path, then measure.
      runLogins(http, base, users, clients, Duration.ofSeconds(3));
      LoginStats logins = runLogins(http, base, users, clients, loginDuration);

      HttpResponse<String> login =
          post(
              http,
              base + "/auth/login",
              "{\"email\":\"bench0@example.com\",\"password\":\"%s\"}".formatted(PASSWORD),
              1);
      Matcher m = ACCESS_TOKEN.matcher(login.body());
      if (!m.find()) {
        throw new IllegalStateException("no access token: " + login.body());
      }
      String token = m.group(1);
      // Both decoders on the gateway's key with the same claim checks: the hand-written one the
      // gateway used before, and Spring Security's Nimbus decoder configured as the gateway does
      // (its AccessTokenVerification). The gateway's bean adds the deny-list lookup (one indexed
      // PostgreSQL read) and is measured as well. Interleaved runs, because this machine is shared
      // and its speed drifts.
      HttpResponse<String> jwksAnswer =
          http.send(
              HttpRequest.newBuilder(URI.create(base + "/.well-known/jwks.json")).GET().build(),
              HttpResponse.BodyHandlers.ofString());
      JWKSet jwks = JWKSet.parse(jwksAnswer.body());
      RSAKey key = jwks.getKeys().get(0).toRSAKey();
      OAuth2TokenValidator<Jwt> claims = claimChecks();
      Map<String, JwtDecoder> decoders = new LinkedHashMap<>();
      decoders.put(
          "handwritten",
          new HandWrittenAccessTokenDecoder(
              Map.of(key.getKeyID(), key.toRSAPublicKey()), "at+jwt", claims));
      decoders.put("nimbus", nimbus(jwks, claims));
      decoders.put("gateway_bean", gateway.getBean(JwtDecoder.class));
      for (JwtDecoder d : decoders.values()) {
        validate(d, token, Duration.ofSeconds(3));
      }
      int runs = Integer.getInteger("bench.validate.runs", 3);
      Map<String, List<Double>> rates = new LinkedHashMap<>();
      for (int run = 0; run < runs; run++) {
        for (Map.Entry<String, JwtDecoder> d : decoders.entrySet()) {
          rates
              .computeIfAbsent(d.getKey(), k -> new ArrayList<>())
              .add(validate(d.getValue(), token, validationDuration));
        }
      }
      double validationsPerS = median(rates.get("nimbus"));

      String kdf = kdfDescription(gateway);
      List<String> lines = new ArrayList<>();
      lines.add("# Identity benchmark, " + Instant.now());
      lines.add(
          "# machine: %d cores, %s %s; load average before: %s"
              .formatted(
                  Runtime.getRuntime().availableProcessors(),
                  System.getProperty("java.vm.name"),
                  System.getProperty("java.version"),
                  loadAverage()));
      lines.add("# gateway + wallet + PostgreSQL + clients share this machine.");
      lines.add("# KDF: " + kdf + " (the configured production default, OWASP minimum)");
      lines.add(
          "registration: %d users sequentially, %.1f registrations/s (one KDF hash each, plus the wallet grant)"
              .formatted(users, registrationsPerS));
      lines.add(
          "login: %d clients for %d s over HTTP, %d ok, %d failed, %.1f logins/s, mean %.1f ms"
              .formatted(
                  clients,
                  loginDuration.toSeconds(),
                  logins.ok(),
                  logins.failed(),
                  logins.perSecond(),
                  logins.meanMillis()));
      lines.add(
          ("token validation: 1 thread, %d interleaved runs of %d s each (RS256 2048, signature +"
                  + " typ + kid + iss + aud + exp + required claims)")
              .formatted(runs, validationDuration.toSeconds()));
      rates.forEach(
          (name, list) ->
              lines.add(
                  "  %-13s median %.0f validations/s, min %.0f, max %.0f, runs %s"
                      .formatted(
                          name,
                          median(list),
                          list.stream().mapToDouble(Double::doubleValue).min().orElse(0),
                          list.stream().mapToDouble(Double::doubleValue).max().orElse(0),
                          list.stream().map(x -> "%.0f".formatted(x)).toList())));
      lines.add(
          "  (gateway_bean = nimbus plus the deny-list lookup in identity.revoked_access_tokens)");
      lines.add(
          ("RESULT login_per_s=%.1f kdf=%s token_validations_per_s=%.0f"
                  + " handwritten_validations_per_s=%.0f gateway_bean_validations_per_s=%.0f")
              .formatted(
                  logins.perSecond(),
                  kdf,
                  validationsPerS,
                  median(rates.get("handwritten")),
                  median(rates.get("gateway_bean"))));
      Files.createDirectories(out.toAbsolutePath().getParent());
      Files.write(out, lines);
      lines.forEach(log::info);
    }
  }

  private static String kdfDescription(ConfigurableApplicationContext gateway) {
    var env = gateway.getEnvironment();
    return "argon2id(m=%sKiB,t=%s,p=%s)"
        .formatted(
            env.getProperty("croupier.identity.argon2.memory-kib", "19456"),
            env.getProperty("croupier.identity.argon2.iterations", "2"),
            env.getProperty("croupier.identity.argon2.parallelism", "1"));
  }

  private record LoginStats(long ok, long failed, double perSecond, double meanMillis) {}

  private static LoginStats runLogins(
      HttpClient http, String base, int users, int clients, Duration duration) throws Exception {
    AtomicLong ok = new AtomicLong();
    AtomicLong failed = new AtomicLong();
    AtomicLong nanos = new AtomicLong();
    AtomicInteger next = new AtomicInteger();
    long end = System.nanoTime() + duration.toNanos();
    long start = System.nanoTime();
    try (ExecutorService pool = Executors.newFixedThreadPool(clients)) {
      List<Future<?>> futures = new ArrayList<>();
      for (int c = 0; c < clients; c++) {
        futures.add(
            pool.submit(
                () -> {
                  while (System.nanoTime() < end) {
                    int n = next.getAndIncrement();
                    long t0 = System.nanoTime();
                    HttpResponse<String> r =
                        post(
                            http,
                            base + "/auth/login",
                            "{\"email\":\"bench%d@example.com\",\"password\":\"%s\"}"
                                .formatted(n % users, PASSWORD),
                            n);
                    nanos.addAndGet(System.nanoTime() - t0);
                    (r.statusCode() == 200 ? ok : failed).incrementAndGet();
                  }
                  return null;
                }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    }
    double elapsed = seconds(System.nanoTime() - start);
    long total = ok.get() + failed.get();
    return new LoginStats(
        ok.get(), failed.get(), ok.get() / elapsed, total == 0 ? 0 : nanos.get() / 1e6 / total);
  }

  private static double median(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  /** The claim checks the gateway makes (issuer, audience, expiry, required claims). */
  private static OAuth2TokenValidator<Jwt> claimChecks() {
    return new DelegatingOAuth2TokenValidator<>(
        List.of(
            new JwtClaimValidator<Object>("exp", java.util.Objects::nonNull),
            new JwtClaimValidator<Object>("iat", java.util.Objects::nonNull),
            new JwtClaimValidator<Object>("sub", java.util.Objects::nonNull),
            new JwtClaimValidator<Object>("jti", java.util.Objects::nonNull),
            new JwtClaimValidator<Object>("device_id", java.util.Objects::nonNull),
            new JwtTimestampValidator(Duration.ofSeconds(30)),
            new JwtIssuerValidator("urn:croupier:identity"),
            new JwtClaimValidator<List<String>>(
                "aud", aud -> aud != null && aud.contains("croupier"))));
  }

  /** Spring Security's Nimbus decoder as the gateway configures it (AccessTokenVerification). */
  private static JwtDecoder nimbus(JWKSet keys, OAuth2TokenValidator<Jwt> claims) {
    JWSKeySelector<SecurityContext> byKid =
        new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, new ImmutableJWKSet<>(keys));
    DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
    processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(new JOSEObjectType("at+jwt")));
    processor.setJWSKeySelector(
        (header, context) ->
            header.getKeyID() == null ? List.of() : byKid.selectJWSKeys(header, context));
    processor.setJWTClaimsSetVerifier((c, context) -> {});
    NimbusJwtDecoder decoder = new NimbusJwtDecoder(processor);
    decoder.setJwtValidator(claims);
    return decoder;
  }

  private static double validate(JwtDecoder decoder, String token, Duration duration) {
    long count = 0;
    long start = System.nanoTime();
    long end = start + duration.toNanos();
    long now = start;
    while (now < end) {
      for (int i = 0; i < 100; i++) {
        decoder.decode(token);
      }
      count += 100;
      now = System.nanoTime();
    }
    return count / seconds(now - start);
  }

  private static HttpResponse<String> post(HttpClient http, String url, String json, int client) {
    try {
      return http.send(
          HttpRequest.newBuilder(URI.create(url))
              .header("Content-Type", "application/json")
              // One address per simulated client, as behind a proxy; limits are raised anyway.
              .header("X-Forwarded-For", "10.9." + ((client >> 8) & 255) + "." + (client & 255))
              .POST(HttpRequest.BodyPublishers.ofString(json))
              .build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static ConfigurableApplicationContext startWallet(
      String url, String user, String password, BenchTls key, int port) {
    return new SpringApplicationBuilder(WalletApplication.class)
        .run(
            "--spring.config.name=wallet-in-identity-bench",
            "--spring.main.web-application-type=none",
            "--spring.application.name=wallet",
            "--spring.datasource.url=" + url,
            "--spring.datasource.username=" + user,
            "--spring.datasource.password=" + password,
            "--spring.flyway.locations=classpath:db/migration",
            // The bench connects as the owner, which may migrate.
            "--spring.flyway.enabled=true",
            "--spring.jooq.sql-dialect=postgres",
            "--croupier.wallet.real-money-enabled=false",
            "--croupier.wallet.tls.certificate=" + key.tls(ServiceNames.WALLET).certificate(),
            "--croupier.wallet.tls.private-key=" + key.tls(ServiceNames.WALLET).privateKey(),
            "--croupier.wallet.tls.trusted-ca=" + key.tls(ServiceNames.WALLET).trustedCa(),
            "--croupier.wallet.welcome-grant.currency=COIN",
            "--croupier.wallet.welcome-grant.amount=100000",
            "--croupier.wallet.grpc.host=127.0.0.1",
            "--croupier.wallet.grpc.port=" + port,
            "--croupier.wallet.posting.committers=2",
            "--croupier.wallet.posting.max-batch=64",
            "--croupier.wallet.posting.queue-capacity=1024",
            "--croupier.wallet.posting.max-legs=32",
            "--croupier.wallet.outbox.enabled=false",
            "--croupier.wallet.outbox.bootstrap-servers=127.0.0.1:1",
            "--croupier.wallet.outbox.topic=wallet.entries",
            "--croupier.wallet.outbox.batch-size=100",
            "--croupier.wallet.outbox.poll-interval=1s",
            "--croupier.wallet.outbox.delivery-timeout=5s");
  }

  private static ConfigurableApplicationContext startGateway(
      String url, String user, String password, BenchTls key, int walletPort) throws Exception {
    Class<?> app = Class.forName("dev.croupier.gateway.GatewayApplication");
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    String pem =
        "-----BEGIN PRIVATE KEY-----\n"
            + Base64.getMimeEncoder(64, "\n".getBytes())
                .encodeToString(generator.generateKeyPair().getPrivate().getEncoded())
            + "\n-----END PRIVATE KEY-----\n";
    String high = "1000000000";
    return new SpringApplicationBuilder(app)
        .run(
            "--server.port=0",
            "--spring.datasource.url=" + url,
            "--spring.datasource.username=" + user,
            "--spring.datasource.password=" + password,
            "--croupier.identity.jwt.signing-key=" + pem,
            "--croupier.wallet.target=127.0.0.1:" + walletPort,
            "--croupier.wallet.tls.certificate=" + key.tls(ServiceNames.GATEWAY).certificate(),
            "--croupier.wallet.tls.private-key=" + key.tls(ServiceNames.GATEWAY).privateKey(),
            "--croupier.wallet.tls.trusted-ca=" + key.tls(ServiceNames.GATEWAY).trustedCa(),
            // Measure the KDF and the database, not the limiter.
            "--croupier.rate-limits.login.per-ip.capacity=" + high,
            "--croupier.rate-limits.login.per-ip.period=1s",
            "--croupier.rate-limits.login.per-user.capacity=" + high,
            "--croupier.rate-limits.login.per-user.period=1s",
            "--croupier.rate-limits.register.per-ip.capacity=" + high,
            "--croupier.rate-limits.register.per-ip.period=1s",
            "--croupier.rate-limits.register.per-user.capacity=" + high,
            "--croupier.rate-limits.register.per-user.period=1s",
            "--logging.level.dev.croupier=WARN");
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static double seconds(long nanos) {
    return nanos / 1e9;
  }

  private static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).trim();
    } catch (IOException e) {
      return "unknown";
    }
  }
}
