package dev.croupier.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import dev.croupier.devstack.PrometheusServer;
import dev.croupier.testsupport.PostgresDatabase;
import dev.croupier.testsupport.PostgresExtension;
import dev.croupier.testsupport.Requirement;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The platform as ops run it, end to end, in the launcher's own processes: the dev stack with
 * Debian's Prometheus, every app logging at DEBUG and exporting its spans over OTLP to a stand-in
 * collector. A player registers, signs in, refreshes, fails a sign-in, plays a slot session over
 * the WebSocket and closes it (revealing its seed), and signs out. Then:
 *
 * <ul>
 *   <li>one bet's spans form one trace across the gateway, worker and wallet processes, in the
 *       order frame, Update, handler, local activity, wallet call, ledger write, outbox publish;
 *   <li>Prometheus scrapes every app and finds the domain meters with non-zero values, has loaded
 *       the alert rules, and knows every meter the alerts and the dashboard read;
 *   <li>no log line of any process holds the password, an access or refresh token, a service token
 *       or its key, the seed sealing key or the server seed, at any level; the gateway's log lines
 *       carry the trace id and the player's id.
 * </ul>
 */
@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ObservabilityEndToEndTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String PASSWORD = "Purple-Otter-Sings-42";

  /** Every service token begins with this header: {"alg":"HS256","typ":"JWT"}. */
  private static final String SERVICE_TOKEN_HEADER = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.";

  /**
   * Meters the alerts or the dashboard read that exist only once their event has happened (the
   * flows here cause no workflow task failure, jackpot win or relay failure on purpose).
   */
  private static final Set<String> ONLY_AFTER_AN_EVENT =
      Set.of(
          "temporal_workflow_task_execution_failed_total",
          "croupier_jackpot_wins_total",
          "croupier_game_table_events_total",
          "croupier_game_tables_open");

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private OtlpReceiver collector;
  private LauncherProcess launcher;
  private Path state;
  private final String sealingKey = randomKey();

  /** What the flows produced: every secret a log line must never hold, and the facts to check. */
  private final Map<String, String> secrets = new LinkedHashMap<>();

  private String userId;
  private String revealedSeed;

  @BeforeAll
  void startThePlatformAndPlay(PostgresDatabase db) throws Exception {
    requirePrometheus();
    collector = new OtlpReceiver();
    state = Files.createTempDirectory("croupier-observability-e2e-");
    Map<String, String> env = LauncherProcess.isolatedEnvironment(state);
    env.put("CROUPIER_EMBEDDED", "temporal,kafka,prometheus");
    env.put("CROUPIER_DB_URL", db.url());
    env.put("CROUPIER_DB_USER", db.user());
    env.put("CROUPIER_DB_PASSWORD", db.password());
    env.put("CROUPIER_TRACING_OTLP_ENDPOINT", collector.endpoint());
    env.put("CROUPIER_SEED_SEALING_KEYS", sealingKey);
    env.put("CROUPIER_TABLES_OPEN", "false");
    // Small pools: four apps share the PostgreSQL server with the rest of the build.
    env.put("SPRING_DATASOURCE_HIKARI_MAXIMUMPOOLSIZE", "5");
    // Every app logs at DEBUG (and our own code at TRACE): no level may leak a secret.
    env.put("LOGGING_LEVEL_ROOT", "DEBUG");
    env.put("LOGGING_LEVEL_DEV_CROUPIER", "TRACE");
    // Except Tomcat's class loader, whose DEBUG lines make logback load classes through it while
    // it starts, which recurses until the stack overflows (the app then fails to start).
    env.put("LOGGING_LEVEL_ORG_APACHE_CATALINA_LOADER", "INFO");
    secrets.put("the seed sealing key", sealingKey);
    secrets.put("the password", PASSWORD);
    launcher = LauncherProcess.start(env);
    await()
        .atMost(Duration.ofMinutes(6))
        .pollInterval(Duration.ofSeconds(1))
        .until(() -> launcher.output().contains("Croupier is up") || !launcher.process.isAlive());
    assertThat(launcher.output()).as(launcher.output()).contains("Croupier is up");
    assertThat(launcher.output()).contains("Prometheus").contains("/actuator");
    // The services' mutual-TLS keys the launcher made: a line of each key's body.
    try (var keys = Files.newDirectoryStream(state.resolve("tls"), "*.key")) {
      for (Path key : keys) {
        String body = Files.readAllLines(key).get(1);
        secrets.put("the TLS key " + key.getFileName(), body);
      }
    }
    assertThat(secrets.keySet()).contains("the TLS key wallet.key", "the TLS key api-gateway.key");
    // The evidence export key the launcher made for admin.
    secrets.put(
        "the evidence export key", Files.readString(state.resolve("evidence-signing.key")).strip());
    play();
  }

  private static void requirePrometheus() {
    Requirement.require(
        Files.isExecutable(PrometheusServer.BINARY),
        "Prometheus",
        "run bash .ci/ensure-prometheus.sh");
  }

  private void play() throws Exception {
    String email = "otter-" + UUID.randomUUID() + "@example.com";
    JsonNode profile =
        post(
            "/auth/register",
            Map.of("email", email, "password", PASSWORD, "displayName", "Otter"),
            201);
    userId = profile.path("userId").asString();
    JsonNode tokens = post("/auth/login", Map.of("email", email, "password", PASSWORD), 200);
    secrets.put("the first access token", tokens.path("accessToken").asString());
    secrets.put("the first refresh token", tokens.path("refreshToken").asString());
    post("/auth/login", Map.of("email", email, "password", PASSWORD + "-wrong"), 401);
    JsonNode refreshed =
        post("/auth/refresh", Map.of("refreshToken", tokens.path("refreshToken").asString()), 200);
    String access = refreshed.path("accessToken").asString();
    secrets.put("the refreshed access token", access);
    secrets.put("the refreshed refresh token", refreshed.path("refreshToken").asString());
    assertThat(get("/auth/me", access).path("profile").path("userId").asString()).isEqualTo(userId);

    JsonNode ticket = postWithToken("/auth/ws-ticket", access);
    secrets.put("the socket ticket", ticket.path("ticket").asString());
    try (Socket socket = new Socket(ticket.path("ticket").asString())) {
      JsonNode opened = socket.request("session.open", Map.of("gameId", "slot-classic"));
      String session = opened.at("/payload/sessionId").asString();
      for (int i = 0; i < 3; i++) {
        JsonNode bet =
            socket.request(
                "bet.place", Map.of("sessionId", session, "amount", 100, "currency", "COIN"));
        assertThat(bet.path("type").asString()).as(bet.toString()).isEqualTo("bet.result");
      }
      JsonNode closed = socket.request("session.close", Map.of("sessionId", session));
      revealedSeed = closed.at("/payload/serverSeed").asString();
      assertThat(revealedSeed).matches("[0-9a-f]{64}");
      // Until now the seed was sealed; it never reached a log line before its reveal, nor after.
      secrets.put("the server seed", revealedSeed);
    }
    post("/auth/logout", Map.of("refreshToken", refreshed.path("refreshToken").asString()), 204);
  }

  @AfterAll
  void stop() throws Exception {
    if (launcher != null) {
      launcher.process.destroy();
      if (!launcher.process.waitFor(90, TimeUnit.SECONDS)) {
        launcher.process.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
        launcher.process.destroyForcibly();
      }
    }
    if (collector != null) {
      collector.close();
    }
  }

  // ---- one trace per bet ------------------------------------------------------------------

  @Test
  void aBetIsOneTraceAcrossTheGatewayWorkerAndWalletProcesses() {
    List<OtlpReceiver.Received> chain =
        await().atMost(Duration.ofSeconds(60)).until(this::aFullBetTrace, c -> !c.isEmpty());
    assertThat(chain)
        .extracting(OtlpReceiver.Received::service)
        .containsExactly(
            "api-gateway",
            "api-gateway",
            "workers",
            "workers",
            "workers",
            "workers",
            "wallet",
            "wallet",
            "wallet");
    assertThat(chain.get(5).kind()).isEqualTo(SpanKind.SPAN_KIND_CLIENT);
    assertThat(chain.get(6).kind()).isEqualTo(SpanKind.SPAN_KIND_SERVER);
    assertThat(chain.get(7).attribute("db.system.name")).isEqualTo("postgresql");
    assertThat(chain.get(8).kind()).isEqualTo(SpanKind.SPAN_KIND_PRODUCER);
    assertThat(chain.get(8).attribute("messaging.destination.name")).isEqualTo("wallet.entries");
  }

  /**
   * The spans of one bet from the frame to the outbox publish, each the parent of the next, or an
   * empty list while they have not all arrived.
   */
  private List<OtlpReceiver.Received> aFullBetTrace() {
    List<OtlpReceiver.Received> spans = collector.spans();
    String[] names = {
      "ws bet.place",
      "UpdateWorkflow:placeBet",
      "HandleUpdate:placeBet",
      "StartActivity:Ledger.PostRound",
      "RunActivity:Ledger.PostRound",
      "croupier.wallet.v1.Wallet/PostTransaction",
      "croupier.wallet.v1.Wallet/PostTransaction",
      "ledger.write",
      "wallet.entries publish"
    };
    for (OtlpReceiver.Received frame : spans) {
      if (!frame.name().equals(names[0])) {
        continue;
      }
      List<OtlpReceiver.Received> chain = new ArrayList<>(List.of(frame));
      OtlpReceiver.Received parent = frame;
      for (int i = 1; i < names.length; i++) {
        String name = names[i];
        OtlpReceiver.Received p = parent;
        OtlpReceiver.Received child =
            spans.stream()
                .filter(s -> s.traceId().equals(frame.traceId()))
                .filter(s -> s.parentSpanId().equals(p.spanId()))
                .filter(s -> s.name().equals(name))
                .findFirst()
                .orElse(null);
        if (child == null) {
          break;
        }
        chain.add(child);
        parent = child;
      }
      if (chain.size() == names.length) {
        return chain;
      }
    }
    return List.of();
  }

  // ---- Prometheus ---------------------------------------------------------------------------

  @Test
  void prometheusScrapesEveryAppAndFindsTheDomainMetersAfterTheBets() throws Exception {
    String prometheus = "http://127.0.0.1:" + launcher.env.get("CROUPIER_PROMETHEUS_PORT");
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () -> {
              Map<String, Double> up = byLabel(prometheus, "up{job=~\"croupier-.*\"}", "job");
              assertThat(up)
                  .containsOnlyKeys(
                      "croupier-wallet",
                      "croupier-realtime",
                      "croupier-workers",
                      "croupier-gateway",
                      "croupier-admin")
                  .allSatisfy((job, value) -> assertThat(value).as(job).isEqualTo(1.0));
            });
    Map<String, String> nonZero = new LinkedHashMap<>();
    nonZero.put("bets answered", "sum(croupier_gateway_bets_total{outcome=\"ok\"})");
    nonZero.put("bet latency", "sum(croupier_gateway_bet_latency_seconds_count)");
    nonZero.put("rounds per game", "sum(croupier_game_rounds_total{game=\"slot-classic@1.0.0\"})");
    nonZero.put(
        "ledger posts", "sum(croupier_wallet_posts_total{kind=\"BET_AND_WIN\",result=\"posted\"})");
    nonZero.put("group commits", "sum(croupier_wallet_batch_size_count)");
    nonZero.put(
        "outbox published", "sum(croupier_outbox_published_total{outbox=\"wallet-outbox\"})");
    nonZero.put("jackpot pool", "max(croupier_jackpot_pool{currency=\"COIN\"})");
    nonZero.put("sign-ins", "sum(croupier_identity_logins_total{outcome=\"success\"})");
    nonZero.put("failed sign-ins", "sum(croupier_identity_logins_total{outcome=\"failure\"})");
    nonZero.put("Temporal SDK", "sum(temporal_workflow_task_execution_latency_seconds_count)");
    nonZero.put("gRPC server", "sum(grpc_server_seconds_count{rpc_method=\"PostTransaction\"})");
    nonZero.put("gRPC client", "sum(grpc_client_seconds_count{rpc_method=\"PostTransaction\"})");
    nonZero.put("Kafka clients", "sum(kafka_producer_record_send_total)");
    nonZero.put("HikariCP", "sum(hikaricp_connections_max)");
    nonZero.put("JVM", "sum(jvm_memory_used_bytes)");
    nonZero.put("spans exported", "sum(croupier_telemetry_spans_total{outcome=\"exported\"})");
    nonZero.put("readiness", "min(croupier_ready)");
    nonZero.put("admin's live ledger", "sum(croupier_admin_ledger_read_total)");
    await()
        .atMost(Duration.ofSeconds(90))
        .untilAsserted(
            () -> {
              for (var e : nonZero.entrySet()) {
                assertThat(value(prometheus, e.getValue())).as(e.getKey()).isPositive();
              }
            });

    JsonNode rules = JSON.readTree(getText(prometheus + "/api/v1/rules"));
    Set<String> loaded = new TreeSet<>();
    rules
        .at("/data/groups")
        .forEach(g -> g.path("rules").forEach(r -> loaded.add(r.path("name").asString())));
    assertThat(loaded)
        .contains("CroupierOutboxLagging", "CroupierBetLatencyHigh", "CroupierGatewayNodeDown");

    // Every meter an alert or a panel reads is one the apps export.
    Set<String> known = new TreeSet<>();
    JSON.readTree(getText(prometheus + "/api/v1/label/__name__/values"))
        .path("data")
        .forEach(n -> known.add(n.asString()));
    Path ops = Launcher.projectRoot().resolve("ops");
    Set<String> read = new TreeSet<>();
    read.addAll(metricNames(Files.readString(ops.resolve("prometheus/alerts.yml"))));
    read.addAll(metricNames(Files.readString(ops.resolve("grafana/croupier-dashboard.json"))));
    read.removeAll(ONLY_AFTER_AN_EVENT);
    assertThat(known).containsAll(read);
  }

  /** Names of the meters a rules file or dashboard reads. */
  static Set<String> metricNames(String text) {
    Set<String> names = new TreeSet<>();
    Matcher m =
        Pattern.compile("\\b(?:croupier|temporal|grpc|kafka|hikaricp|jvm)_[a-z0-9_]+\\b")
            .matcher(text);
    while (m.find()) {
      names.add(m.group());
    }
    return names;
  }

  private double value(String prometheus, String query) throws Exception {
    JsonNode result = JSON.readTree(getText(prometheus + "/api/v1/query?query=" + encode(query)));
    JsonNode first = result.at("/data/result/0/value/1");
    return first.isMissingNode() ? 0 : Double.parseDouble(first.asString());
  }

  private Map<String, Double> byLabel(String prometheus, String query, String label)
      throws Exception {
    Map<String, Double> out = new LinkedHashMap<>();
    JSON.readTree(getText(prometheus + "/api/v1/query?query=" + encode(query)))
        .at("/data/result")
        .forEach(
            r ->
                out.put(
                    r.path("metric").path(label).asString(),
                    Double.parseDouble(r.path("value").get(1).asString())));
    return out;
  }

  // ---- logs ---------------------------------------------------------------------------------

  @Test
  void noLogLineOfAnyProcessHoldsASecretAndTheGatewaysCarryTheTraceAndThePlayer() throws Exception {
    Path logs = state.resolve("logs");
    List<Path> files;
    try (Stream<Path> s = Files.list(logs)) {
      files = s.filter(Files::isRegularFile).toList();
    }
    assertThat(files.stream().map(p -> p.getFileName().toString()))
        .contains(
            "wallet.log",
            "workers.log",
            "realtime.log",
            "gateway.log",
            "temporal.log",
            "kafka.log");
    long lines = 0;
    for (Path file : files) {
      List<String> content = Files.readAllLines(file, StandardCharsets.UTF_8);
      lines += content.size();
      for (String line : content) {
        for (var secret : secrets.entrySet()) {
          if (line.contains(secret.getValue())) {
            fail("%s holds %s: %s", file.getFileName(), secret.getKey(), abbreviate(line));
          }
        }
        if (line.contains(SERVICE_TOKEN_HEADER)) {
          fail("%s holds a service token: %s", file.getFileName(), abbreviate(line));
        }
      }
    }
    assertThat(lines).as("log lines read").isGreaterThan(1_000);

    // JSON lines with the correlation ids: the session opened by this player, in its trace.
    List<JsonNode> opened = new ArrayList<>();
    for (String line : Files.readAllLines(logs.resolve("gateway.log"), StandardCharsets.UTF_8)) {
      if (line.startsWith("{") && line.contains("opened session")) {
        opened.add(JSON.readTree(line));
      }
    }
    assertThat(opened).isNotEmpty();
    JsonNode entry = opened.get(0);
    assertThat(entry.path("userId").asString()).isEqualTo(userId);
    assertThat(entry.path("traceId").asString()).matches("[0-9a-f]{32}");
    assertThat(entry.path("spanId").asString()).matches("[0-9a-f]{16}");
    assertThat(entry.path("requestId").asString()).isNotBlank();
  }

  private static String abbreviate(String line) {
    return line.length() > 300 ? line.substring(0, 300) + "…" : line;
  }

  // ---- the player's side ----------------------------------------------------------------------

  private String gateway(String path) {
    return "http://127.0.0.1:" + launcher.env.get("CROUPIER_GATEWAY_PORT") + path;
  }

  private JsonNode post(String path, Object body, int expected) throws Exception {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(gateway(path)))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(expected);
    return r.body().isBlank() ? JSON.nullNode() : JSON.readTree(r.body());
  }

  private JsonNode postWithToken(String path, String token) throws Exception {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(gateway(path)))
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
    return JSON.readTree(r.body());
  }

  private JsonNode get(String path, String token) throws Exception {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(gateway(path)))
                .header("Authorization", "Bearer " + token)
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
    return JSON.readTree(r.body());
  }

  private String getText(String url) throws IOException, InterruptedException {
    return http.send(
            HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString())
        .body();
  }

  private static String encode(String query) {
    return URLEncoder.encode(query, StandardCharsets.UTF_8);
  }

  private static String randomKey() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return Base64.getEncoder().encodeToString(key);
  }

  /**
   * A player's WebSocket, as the web client opens it: a one-time ticket offered as a subprotocol.
   */
  private final class Socket implements WebSocket.Listener, AutoCloseable {
    private final WebSocket socket;
    private final Map<String, CompletableFuture<JsonNode>> answers = new ConcurrentHashMap<>();
    private final StringBuilder partial = new StringBuilder();
    private int next;

    Socket(String ticket) {
      socket =
          http.newWebSocketBuilder()
              .subprotocols("croupier.v1", "croupier.ticket." + ticket)
              .buildAsync(
                  URI.create("ws://127.0.0.1:" + launcher.env.get("CROUPIER_GATEWAY_PORT") + "/ws"),
                  this)
              .join();
    }

    JsonNode request(String type, Object payload) {
      String id = "e2e-" + (++next);
      CompletableFuture<JsonNode> answer = new CompletableFuture<>();
      answers.put(id, answer);
      socket.sendText(
          JSON.writeValueAsString(Map.of("id", id, "type", type, "payload", payload)), true);
      return answer.orTimeout(60, TimeUnit.SECONDS).join();
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        JsonNode frame = JSON.readTree(partial.toString());
        partial.setLength(0);
        CompletableFuture<JsonNode> answer = answers.remove(frame.path("re").asString(""));
        if (answer != null) {
          answer.complete(frame);
        }
      }
      webSocket.request(1);
      return null;
    }

    @Override
    public void close() {
      socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").join();
    }
  }
}
