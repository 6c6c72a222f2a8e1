package dev.croupier.gateway.ws;

import com.zaxxer.hikari.HikariDataSource;
import dev.croupier.activities.game.GamePluginActivitiesImpl;
import dev.croupier.activities.game.SeedActivitiesImpl;
import dev.croupier.activities.ledger.LedgerActivitiesImpl;
import dev.croupier.activities.projection.SessionProjectionActivitiesImpl;
import dev.croupier.activities.table.HoleCardSealer;
import dev.croupier.activities.table.TableEventActivitiesImpl;
import dev.croupier.activities.table.TableLedgerActivitiesImpl;
import dev.croupier.api.wallet.v1.WalletGrpc;
import dev.croupier.client.CallSettings;
import dev.croupier.client.sealing.SeedSealing;
import dev.croupier.client.tables.GameTables;
import dev.croupier.client.testing.PokerTableClient;
import dev.croupier.devstack.KafkaBroker;
import dev.croupier.devstack.TemporalServer;
import dev.croupier.games.api.GameRegistry;
import dev.croupier.gamestore.projection.SessionProjection;
import dev.croupier.gamestore.tables.TableEventOutbox;
import dev.croupier.gateway.GatewayApplication;
import dev.croupier.gateway.identity.TestGateway;
import dev.croupier.gateway.identity.TestWallet;
import dev.croupier.outbox.OutboxRelay;
import dev.croupier.testsupport.KafkaTopics;
import dev.croupier.testsupport.PostgresDatabase;
import dev.croupier.wallet.api.ServiceNames;
import dev.croupier.workflows.session.GameSessionWorkflowImpl;
import dev.croupier.workflows.table.TableWorkflowImpl;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Everything a WebSocket test needs, real: the class's PostgreSQL database, the wallet server, a
 * session worker in this JVM (the session workflow with the real activities, as the workers app
 * registers them) on a task queue of its own, the shared Temporal dev server and Kafka broker, and
 * one or more gateway nodes that share nothing but those.
 */
final class WsStack implements AutoCloseable {
  static final JsonMapper JSON = JsonMapper.builder().build();
  static final String PASSWORD = "correct horse battery";
  private static final AtomicInteger NEXT_IP =
      new AtomicInteger(ThreadLocalRandom.current().nextInt(1 << 20));

  final PostgresDatabase db;
  final TestWallet wallet;
  final String taskQueue = "ws-test-" + UUID.randomUUID();

  /**
   * The tables' lobby list topic of this stack: its own, so tables of one test class never show in
   * another's list on the shared broker. Table tests point their gateway at it ({@code
   * croupier.gateway.realtime.tables-topic}).
   */
  final String lobbyTopic = "lobby.tables." + UUID.randomUUID();

  /**
   * The feature flags topic of this stack, so a test that toggles a flag never changes another test
   * class's gateways on the shared broker.
   */
  final String flagsTopic;

  final KafkaBroker kafka;
  final TemporalServer temporal;
  private final KeyPair signingKey = TestGateway.rsaKey();
  private final HikariDataSource workerDataSource;
  private final WorkflowServiceStubs workerStubs;
  private final WorkerFactory workers;
  private final List<ConfigurableApplicationContext> nodes = new ArrayList<>();
  private final PokerTableClient pokerTables;
  private OutboxRelay tableRelay;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  WsStack(PostgresDatabase db, KafkaBroker kafka, TemporalServer temporal) {
    this.db = db;
    this.kafka = kafka;
    this.temporal = temporal;
    this.flagsTopic = KafkaTopics.create(kafka.bootstrapServers(), "admin.flags", 1);
    this.wallet = TestWallet.start(db);
    this.workerDataSource = db.dataSource(6);
    WalletGrpc.WalletBlockingStub walletStub = wallet.stub(ServiceNames.WORKERS);
    this.workerStubs =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget(temporal.target()).build());
    WorkflowClient client =
        WorkflowClient.newInstance(
            workerStubs,
            WorkflowClientOptions.newBuilder()
                .setNamespace(temporal.settings().namespace())
                .setDataConverter(SeedSealing.random().dataConverter())
                .build());
    this.workers = WorkerFactory.newInstance(client);
    Worker worker = workers.newWorker(taskQueue);
    worker.registerWorkflowImplementationTypes(GameSessionWorkflowImpl.class);
    worker.registerActivitiesImplementations(
        new GamePluginActivitiesImpl(GameRegistry.load(getClass().getClassLoader())),
        new SeedActivitiesImpl(new SecureRandom()),
        new LedgerActivitiesImpl(walletStub, Duration.ofSeconds(5)),
        new SessionProjectionActivitiesImpl(
            new SessionProjection(DSL.using(workerDataSource, SQLDialect.POSTGRES))));
    // Tables as the workers app registers them: on the session task queue, events to the
    // outbox; tables() starts the relay that takes the outbox to Kafka.
    worker.registerWorkflowImplementationTypes(TableWorkflowImpl.class);
    worker.registerActivitiesImplementations(
        new TableLedgerActivitiesImpl(walletStub, Duration.ofSeconds(5)),
        new TableEventActivitiesImpl(
            new TableEventOutbox(DSL.using(workerDataSource, SQLDialect.POSTGRES)),
            new com.fasterxml.jackson.databind.ObjectMapper(),
            new HoleCardSealer(rsaPublicKey()),
            "table.events",
            lobbyTopic));
    this.pokerTables =
        new PokerTableClient(
            new GameTables(
                client,
                new CallSettings(taskQueue, Duration.ofSeconds(10), Duration.ofSeconds(30))));
    workers.start();
  }

  /** The tables facade on this stack's task queue; the first call starts the outbox relay. */
  synchronized PokerTableClient tables() {
    if (tableRelay == null) {
      // The relay the workers app runs, over the same outbox.
      tableRelay =
          new OutboxRelay(
              workerDataSource,
              new TableEventOutbox(DSL.using(workerDataSource, SQLDialect.POSTGRES)),
              new OutboxRelay.Settings(
                  "gateway-test-table-outbox",
                  kafka.bootstrapServers(),
                  500,
                  Duration.ofMillis(50),
                  Duration.ofSeconds(30)));
      tableRelay.start();
    }
    return pokerTables;
  }

  private static java.security.PublicKey rsaPublicKey() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
      g.initialize(2048);
      return g.generateKeyPair().getPublic();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Starts a gateway node; {@code overrides} win over the test defaults. */
  /** The public key of the nodes' access tokens, PEM: what the workers' recall checks them with. */
  String tokenPublicKeyPem() {
    return TestGateway.publicPem(signingKey);
  }

  Node startNode(Map<String, Object> overrides) {
    Map<String, Object> props = new HashMap<>();
    props.put("server.port", 0);
    props.put("management.server.port", 0);
    props.put("spring.datasource.url", db.url());
    props.put("spring.datasource.username", "croupier_identity");
    props.put("spring.datasource.password", db.password());
    props.put("croupier.identity.jwt.signing-key", TestGateway.pem(signingKey));
    props.putAll(wallet.gatewayProperties());
    props.put("croupier.wallet.deadline", "5s");
    props.put("croupier.temporal.target", temporal.target());
    props.put("croupier.temporal.namespace", temporal.settings().namespace());
    props.put("croupier.temporal.task-queue", taskQueue);
    props.put("croupier.gateway.realtime.bootstrap-servers", kafka.bootstrapServers());
    props.put("croupier.features.auto-spin", true);
    props.put("croupier.features.topic", flagsTopic);
    props.put("croupier.features.bootstrap-servers", kafka.bootstrapServers());
    props.putAll(overrides);
    String[] args =
        props.entrySet().stream()
            .map(e -> "--" + e.getKey() + "=" + e.getValue())
            .toArray(String[]::new);
    ConfigurableApplicationContext context =
        new SpringApplicationBuilder(GatewayApplication.class).run(args);
    nodes.add(context);
    return new Node(context, ((WebServerApplicationContext) context).getWebServer().getPort());
  }

  /** A fresh client address, sent as X-Forwarded-For so each test has its own rate buckets. */
  static String randomIp() {
    int n = NEXT_IP.incrementAndGet();
    return "10." + ((n >> 16) & 255) + "." + ((n >> 8) & 255) + "." + (n & 255);
  }

  /** Rows of a query on the test database. */
  List<List<Object>> query(String sql, Object... params) {
    try (Connection c = db.connect();
        PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        s.setObject(i + 1, params[i]);
      }
      if (!sql.strip().toLowerCase().startsWith("select")) {
        s.executeUpdate();
        return List.of();
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
    for (ConfigurableApplicationContext c : nodes) {
      c.close();
    }
    if (tableRelay != null) {
      tableRelay.close();
    }
    workers.shutdownNow();
    workers.awaitTermination(5, TimeUnit.SECONDS);
    workerStubs.shutdownNow();
    workerDataSource.close();
    wallet.close();
  }

  /** A player with tokens. */
  record Player(
      String userId, String email, String displayName, String accessToken, String refreshToken) {}

  /** One gateway node. */
  final class Node {
    final ConfigurableApplicationContext context;
    final int port;

    Node(ConfigurableApplicationContext context, int port) {
      this.context = context;
      this.port = port;
    }

    String http(String path) {
      return "http://127.0.0.1:" + port + path;
    }

    /** The node's management port (health, Prometheus), bound to loopback. */
    int managementPort() {
      return context.getEnvironment().getRequiredProperty("local.management.port", Integer.class);
    }

    URI wsUri() {
      return URI.create("ws://127.0.0.1:" + port + "/ws");
    }

    /**
     * How a client holding {@code accessToken} opens a socket: it buys a one-time ticket and offers
     * it as a subprotocol, as the web client does. A token the gateway refuses buys no ticket; it
     * is then sent as a bearer header, so the upgrade itself answers for it.
     */
    WsClient.Target ws(String accessToken) {
      HttpResponse<String> r = ticket(accessToken);
      if (r.statusCode() == 200) {
        String ticket = JSON.readTree(r.body()).get("ticket").asString();
        return new WsClient.Target(
            wsUri(), List.of(WsProperties.SUBPROTOCOL, "croupier.ticket." + ticket), Map.of());
      }
      return new WsClient.Target(
          wsUri(),
          List.of(WsProperties.SUBPROTOCOL),
          Map.of("Authorization", "Bearer " + accessToken));
    }

    /** {@code POST /auth/ws-ticket} with the token in the header; the raw answer. */
    HttpResponse<String> ticket(String accessToken) {
      try {
        return http.send(
            HttpRequest.newBuilder(URI.create(http("/auth/ws-ticket")))
                .header("Authorization", "Bearer " + accessToken)
                .POST(HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString());
      } catch (IOException e) {
        throw new IllegalStateException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }

    JsonNode post(String path, Object body, int expectedStatus) {
      return send(
          HttpRequest.newBuilder(URI.create(http(path)))
              .header("Content-Type", "application/json")
              .header("X-Forwarded-For", randomIp())
              .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
              .build(),
          expectedStatus);
    }

    JsonNode get(String path, String token, int expectedStatus) {
      return send(
          HttpRequest.newBuilder(URI.create(http(path)))
              .header("Authorization", "Bearer " + token)
              .GET()
              .build(),
          expectedStatus);
    }

    private JsonNode send(HttpRequest request, int expectedStatus) {
      try {
        HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != expectedStatus) {
          throw new IllegalStateException(
              request.uri() + " answered " + r.statusCode() + ": " + r.body());
        }
        return r.body().isBlank() ? JSON.nullNode() : JSON.readTree(r.body());
      } catch (IOException e) {
        throw new IllegalStateException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }

    /** Registers and logs in a new player. */
    Player newPlayer(String name) {
      String email = name.toLowerCase() + "-" + UUID.randomUUID() + "@example.com";
      String displayName = name + ThreadLocalRandom.current().nextInt(1000, 9999);
      JsonNode profile =
          post(
              "/auth/register",
              Map.of("email", email, "password", PASSWORD, "displayName", displayName),
              201);
      JsonNode tokens = login(email);
      return new Player(
          profile.get("userId").asString(),
          email,
          displayName,
          tokens.get("accessToken").asString(),
          tokens.get("refreshToken").asString());
    }

    /** A login from {@code ip}; returns the HTTP status, whatever it is. */
    int loginFrom(String email, String password, String ip) {
      try {
        return http.send(
                HttpRequest.newBuilder(URI.create(http("/auth/login")))
                    .header("Content-Type", "application/json")
                    .header("X-Forwarded-For", ip)
                    .POST(
                        HttpRequest.BodyPublishers.ofString(
                            JSON.writeValueAsString(Map.of("email", email, "password", password))))
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

    JsonNode login(String email) {
      return post("/auth/login", Map.of("email", email, "password", PASSWORD), 200);
    }

    WsClient connect(Player player) {
      return WsClient.connect(ws(player.accessToken()), Map.of(), true);
    }
  }
}
