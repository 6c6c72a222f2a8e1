package dev.croupier.gateway.identity;

import dev.croupier.gateway.GatewayApplication;
import dev.croupier.testsupport.PostgresDatabase;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The real gateway for a test class: started with SpringApplication on a random loopback port over
 * the class's fresh PostgreSQL database, with a real wallet server and a signing key made for the
 * test. Talks to it over real HTTP.
 */
public final class TestGateway implements AutoCloseable {
  static final JsonMapper JSON = JsonMapper.builder().build();
  static final String PASSWORD = "correct horse battery";
  private static final AtomicInteger NEXT_IP =
      new AtomicInteger(ThreadLocalRandom.current().nextInt(1 << 20));

  final PostgresDatabase db;
  final KeyPair signingKey;
  final TestWallet wallet;
  final ConfigurableApplicationContext context;
  final int port;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private TestGateway(
      PostgresDatabase db,
      KeyPair signingKey,
      TestWallet wallet,
      ConfigurableApplicationContext context) {
    this.db = db;
    this.signingKey = signingKey;
    this.wallet = wallet;
    this.context = context;
    this.port = ((WebServerApplicationContext) context).getWebServer().getPort();
  }

  static TestGateway start(PostgresDatabase db, Map<String, Object> overrides) {
    KeyPair key = rsaKey();
    TestWallet wallet = TestWallet.start(db);
    Map<String, Object> props = new HashMap<>();
    props.put("server.port", 0);
    props.put("management.server.port", 0);
    props.put("spring.datasource.url", db.url());
    props.put("spring.datasource.username", "croupier_identity");
    props.put("spring.datasource.password", db.password());
    props.put("croupier.identity.jwt.signing-key", pem(key));
    props.putAll(wallet.gatewayProperties());
    props.put("croupier.wallet.deadline", "2s");
    props.putAll(overrides);
    // As command-line arguments, so they win over application.yml like the launcher's do.
    String[] args =
        props.entrySet().stream()
            .map(e -> "--" + e.getKey() + "=" + e.getValue())
            .toArray(String[]::new);
    ConfigurableApplicationContext context =
        new SpringApplicationBuilder(GatewayApplication.class).run(args);
    return new TestGateway(db, key, wallet, context);
  }

  public static KeyPair rsaKey() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      return generator.generateKeyPair();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  public static String pem(KeyPair key) {
    return "-----BEGIN PRIVATE KEY-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(key.getPrivate().getEncoded())
        + "\n-----END PRIVATE KEY-----\n";
  }

  /** The public half of {@code key}, PEM: what a verifier of the gateway's tokens is given. */
  public static String publicPem(KeyPair key) {
    return "-----BEGIN PUBLIC KEY-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(key.getPublic().getEncoded())
        + "\n-----END PUBLIC KEY-----\n";
  }

  /** A fresh client address, sent as X-Forwarded-For so each test has its own rate buckets. */
  static String randomIp() {
    int n = NEXT_IP.incrementAndGet();
    return "10." + ((n >> 16) & 255) + "." + ((n >> 8) & 255) + "." + (n & 255);
  }

  /** The gateway's management port (health, Prometheus), bound to loopback. */
  public int managementPort() {
    return context.getEnvironment().getRequiredProperty("local.management.port", Integer.class);
  }

  String url(String path) {
    return "http://127.0.0.1:" + port + path;
  }

  Response post(String path, Object body, String ip) {
    return postRaw(path, JSON.writeValueAsString(body), ip);
  }

  Response postRaw(String path, String body, String ip) {
    return send(
        HttpRequest.newBuilder(URI.create(url(path)))
            .header("Content-Type", "application/json")
            .header("X-Forwarded-For", ip)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build());
  }

  /** A GET, with the token as a bearer header unless it is null. */
  Response get(String path, String bearerToken) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(path))).GET();
    if (bearerToken != null) {
      b.header("Authorization", "Bearer " + bearerToken);
    }
    return send(b.build());
  }

  Response send(HttpRequest request) {
    try {
      HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
      JsonNode json = r.body().isBlank() ? JSON.nullNode() : parse(r.body());
      return new Response(r.statusCode(), r.headers().map(), json, r.body());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static JsonNode parse(String body) {
    try {
      return JSON.readTree(body);
    } catch (RuntimeException e) {
      return JSON.nullNode();
    }
  }

  /** Registers a user with {@link #PASSWORD} and returns its ID. */
  String register(String email, String displayName) {
    Response r =
        post(
            "/auth/register",
            Map.of("email", email, "password", PASSWORD, "displayName", displayName),
            randomIp());
    if (r.status() != 201) {
      throw new IllegalStateException("registration failed: " + r);
    }
    return r.json().get("userId").asString();
  }

  Response login(String email, String password, String ip) {
    return post("/auth/login", Map.of("email", email, "password", password), ip);
  }

  /** Rows of a query on the test database, each row as column values. */
  List<List<Object>> query(String sql, Object... params) {
    try (Connection c = db.connect();
        PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        s.setObject(i + 1, params[i]);
      }
      List<List<Object>> rows = new ArrayList<>();
      try (ResultSet rs = s.executeQuery()) {
        int columns = rs.getMetaData().getColumnCount();
        while (rs.next()) {
          List<Object> row = new ArrayList<>();
          for (int i = 1; i <= columns; i++) {
            row.add(rs.getObject(i));
          }
          rows.add(row);
        }
      }
      return rows;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  long count(String sql, Object... params) {
    return ((Number) query(sql, params).get(0).get(0)).longValue();
  }

  @Override
  public void close() {
    context.close();
    wallet.close();
  }

  record Response(int status, Map<String, List<String>> headers, JsonNode json, String body) {
    String header(String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(name))
          .map(e -> e.getValue().get(0))
          .findFirst()
          .orElse(null);
    }

    String code() {
      return json.path("code").asString();
    }

    List<String> fieldErrors() {
      List<String> fields = new ArrayList<>();
      json.path("errors")
          .forEach(e -> fields.add(e.path("field").asString() + ":" + e.path("code").asString()));
      return fields;
    }
  }
}
