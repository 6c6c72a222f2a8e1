package dev.croupier.admin;

import dev.croupier.devstack.KafkaBroker;
import dev.croupier.devstack.ManagedProcess;
import dev.croupier.devstack.Ports;
import dev.croupier.devstack.TemporalServer;
import dev.croupier.testsupport.PostgresDatabase;
import dev.croupier.wallet.testing.TestWallet;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The real gateway, for the back office's tests: its runnable jar in a process of its own (no
 * module links an app), as the identity context's owner with its database role, calling the test
 * wallet as {@code api-gateway} and serving the staff API over mutual TLS with the same CA. Players
 * register through its REST API.
 */
public final class GatewayProcess implements AutoCloseable {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private final Map<String, String> env;
  private final Path log;
  private ManagedProcess process;
  public final int port;
  public final int staffApiPort;
  private final HttpClient http = HttpClient.newHttpClient();

  private GatewayProcess(Map<String, String> env, Path log, int port, int staffApiPort) {
    this.env = env;
    this.log = log;
    this.port = port;
    this.staffApiPort = staffApiPort;
  }

  public static GatewayProcess start(
      PostgresDatabase db, TestWallet wallet, TemporalServer temporal, KafkaBroker kafka) {
    return start(db, wallet, temporal, kafka, Map.of());
  }

  /** A gateway with {@code extra} environment on top, for example its flags topic. */
  public static GatewayProcess start(
      PostgresDatabase db,
      TestWallet wallet,
      TemporalServer temporal,
      KafkaBroker kafka,
      Map<String, String> extra) {
    int port = Ports.freePort();
    int staff = Ports.freePort();
    Map<String, String> env = new HashMap<>(wallet.clientEnvironment("api-gateway"));
    env.put("CROUPIER_DB_URL", db.url());
    env.put("CROUPIER_DB_USER", "croupier_identity");
    env.put("CROUPIER_DB_PASSWORD", db.password());
    env.put("CROUPIER_GATEWAY_PORT", String.valueOf(port));
    env.put("CROUPIER_GATEWAY_MANAGEMENT_PORT", String.valueOf(Ports.freePort()));
    // The web client opens its socket from the page's own origin.
    env.put("CROUPIER_GATEWAY_WS_ALLOWEDORIGINS", "http://127.0.0.1:" + port);
    env.put("CROUPIER_IDENTITY_GRPC_PORT", String.valueOf(staff));
    env.put("CROUPIER_IDENTITY_JWT_GENERATEDEVKEY", "true");
    env.put("CROUPIER_TEMPORAL_TARGET", temporal.target());
    env.put("CROUPIER_TEMPORAL_NAMESPACE", temporal.settings().namespace());
    env.put("CROUPIER_KAFKA_BOOTSTRAP", kafka.bootstrapServers());
    env.putAll(extra);
    Path log = Path.of("target", "test-gateways", "gateway-" + port + ".log").toAbsolutePath();
    GatewayProcess g = new GatewayProcess(env, log, port, staff);
    g.restart();
    return g;
  }

  /** Starts the gateway (again) on its ports, and returns once both listen. */
  public void restart() {
    ManagedProcess p =
        ManagedProcess.start(
            "gateway",
            List.of(
                ManagedProcess.currentJava(),
                "-Xmx384m",
                "-XX:TieredStopAtLevel=1",
                "-jar",
                jar().toString()),
            Path.of("."),
            log,
            env);
    try {
      Ports.awaitOpen(
          "the test gateway", Ports.LOOPBACK, port, Duration.ofSeconds(120), p::isAlive);
      Ports.awaitOpen(
          "the staff API", Ports.LOOPBACK, staffApiPort, Duration.ofSeconds(30), p::isAlive);
    } catch (RuntimeException e) {
      p.close();
      throw new IllegalStateException(e.getMessage() + " Its log: " + log, e);
    }
    process = p;
  }

  /** Where a browser opens the web client. */
  public String origin() {
    return "http://127.0.0.1:" + port;
  }

  /** The staff API's address, as admin's configuration takes it. */
  public String staffApi() {
    return Ports.LOOPBACK + ":" + staffApiPort;
  }

  /** Registers a player; returns the answer (userId, accessToken …). */
  public JsonNode register(String email, String password, String displayName) {
    return post(
        "/auth/register",
        Map.of("email", email, "password", password, "displayName", displayName),
        201);
  }

  /** Signs a player in; returns the answer, or throws with the status. */
  public JsonNode login(String email, String password) {
    return post("/auth/login", Map.of("email", email, "password", password), 200);
  }

  /** The status of {@code GET path} with a bearer token. */
  public int status(String path, String bearer) {
    try {
      return http.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                  .header("Authorization", "Bearer " + bearer)
                  .build(),
              HttpResponse.BodyHandlers.discarding())
          .statusCode();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A player's open socket, and the close code the gateway ends it with. */
  public record PlayerSocket(WebSocket socket, CompletableFuture<Integer> closed) {}

  /** Opens a socket as the player, with a ticket bought with their access token. */
  public PlayerSocket openSocket(String accessToken) {
    try {
      HttpResponse<String> t =
          http.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/auth/ws-ticket"))
                  .header("Authorization", "Bearer " + accessToken)
                  .POST(HttpRequest.BodyPublishers.noBody())
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (t.statusCode() != 200) {
        throw new IllegalStateException("ws-ticket answered " + t.statusCode() + ": " + t.body());
      }
      String ticket = JSON.readTree(t.body()).get("ticket").asString();
      CompletableFuture<Integer> closed = new CompletableFuture<>();
      WebSocket ws =
          http.newWebSocketBuilder()
              .subprotocols("croupier.v1", "croupier.ticket." + ticket)
              .buildAsync(
                  URI.create("ws://127.0.0.1:" + port + "/ws"),
                  new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onClose(WebSocket w, int code, String reason) {
                      closed.complete(code);
                      return null;
                    }

                    @Override
                    public void onError(WebSocket w, Throwable error) {
                      closed.completeExceptionally(error);
                    }
                  })
              .get(30, TimeUnit.SECONDS);
      return new PlayerSocket(ws, closed);
    } catch (IOException | ExecutionException | TimeoutException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The status of a sign-in. */
  public int loginStatus(String email, String password) {
    return send("/auth/login", Map.of("email", email, "password", password)).statusCode();
  }

  private JsonNode post(String path, Object body, int expected) {
    HttpResponse<String> r = send(path, body);
    if (r.statusCode() != expected) {
      throw new IllegalStateException(path + " answered " + r.statusCode() + ": " + r.body());
    }
    return JSON.readTree(r.body());
  }

  private HttpResponse<String> send(String path, Object body) {
    try {
      return http.send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
              .header("Content-Type", "application/json")
              // Each request from its own address, so the gateway's per-address limits stay out of
              // the way.
              .header(
                  "X-Forwarded-For",
                  "10.9." + (int) (Math.random() * 250) + "." + (int) (Math.random() * 250))
              .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
              .build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Stops the gateway, as an orchestrator would. */
  public void stop() {
    process.close();
    Ports.awaitClosed(Ports.LOOPBACK, port, Duration.ofSeconds(30));
  }

  @Override
  public void close() {
    process.close();
  }

  private static Path jar() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path target = dir.resolve("api-gateway/target");
      if (Files.isDirectory(dir.resolve("api-gateway"))) {
        try (Stream<Path> files = Files.list(target)) {
          return files
              .filter(p -> p.getFileName().toString().endsWith("-exec.jar"))
              .findFirst()
              .orElseThrow();
        } catch (IOException | RuntimeException e) {
          break;
        }
      }
    }
    throw new IllegalStateException(
        "The gateway's runnable jar is not built: ./mvnw -pl api-gateway -am package -DskipTests");
  }
}
