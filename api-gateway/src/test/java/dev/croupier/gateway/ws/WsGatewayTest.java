package dev.croupier.gateway.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.croupier.devstack.KafkaBroker;
import dev.croupier.devstack.TemporalServer;
import dev.croupier.testsupport.KafkaExtension;
import dev.croupier.testsupport.Management;
import dev.croupier.testsupport.PostgresDatabase;
import dev.croupier.testsupport.PostgresExtension;
import dev.croupier.testsupport.TemporalServerExtension;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * The gateway end to end over real sockets: the upgrade's checks, every bad input, the limits, game
 * sessions and bets through a real session worker and wallet, reconnects, balance, topics and chat.
 * Every frame the server sends is checked against the protocol's JSON Schema.
 */
@ExtendWith({PostgresExtension.class, KafkaExtension.class, TemporalServerExtension.class})
class WsGatewayTest {
  private static WsStack stack;
  private static WsStack.Node node;
  private final List<WsClient> clients = new ArrayList<>();

  @BeforeAll
  static void start(PostgresDatabase db, KafkaBroker kafka, TemporalServer temporal) {
    stack = new WsStack(db, kafka, temporal);
    node =
        stack.startNode(
            Map.of(
                "croupier.gateway.ws.max-connections-per-user", 3,
                "croupier.gateway.ws.send-timeout", "3s",
                "croupier.rate-limits.ws-message.per-user.capacity", 60,
                // A slow refill, so the test's sequential pings outrun it whatever the load.
                "croupier.rate-limits.ws-message.per-user.period", "10s",
                "croupier.rate-limits.ws-message.per-ip.capacity", 1000,
                "croupier.rate-limits.ws-message.per-ip.period", "1s",
                "croupier.gateway.ws.message-burst", 40));
  }

  @AfterAll
  static void stop() {
    stack.close();
  }

  @AfterEach
  void closeClients() {
    for (WsClient c : clients) {
      assertThat(c.schemaViolations).as("frames outside the JSON Schema").isEmpty();
      c.abort();
    }
  }

  private WsClient connect(WsStack.Player p) {
    WsClient c = node.connect(p);
    clients.add(c);
    return c;
  }

  private static Map<String, Object> bet(String sessionId, long amount) {
    return Map.of("sessionId", sessionId, "amount", amount, "currency", "COIN");
  }

  private static String openSlot(WsClient c) {
    JsonNode opened = c.request("session.open", Map.of("gameId", "slot-classic"));
    assertThat(opened.path("type").asString()).isEqualTo("session.opened");
    return opened.at("/payload/sessionId").asString();
  }

  // ---- what ops see ------------------------------------------------------------------------

  @Test
  void managementPortNeedsNoTokenAndCountsBetsTheirLatencySocketsAndLogins() throws Exception {
    Management management = Management.at(node.managementPort());
    Management.Health ready = management.readiness();
    assertThat(ready.httpStatus()).isEqualTo(200);
    assertThat(ready.components())
        .containsEntry("db", "UP")
        .containsEntry("temporal", "UP")
        .containsEntry("wallet", "UP")
        .containsEntry("kafka", "UP");
    // The scrape answered above without a token; the player port does not serve it at all.
    java.net.http.HttpResponse<String> onPlayerPort =
        java.net.http.HttpClient.newHttpClient()
            .send(
                java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(node.http("/actuator/prometheus")))
                    .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(onPlayerPort.statusCode()).isIn(401, 404);

    Map<String, String> okSlot = Map.of("game", "slot-classic@1.0.0", "outcome", "ok");
    Map<String, String> tooSmall =
        Map.of("game", "slot-classic@1.0.0", "outcome", "BET_BELOW_MINIMUM");
    String before = management.prometheus();
    WsStack.Player p = node.newPlayer("Otto");
    node.post("/auth/login", Map.of("email", p.email(), "password", "not the password"), 401);
    WsClient c = connect(p);
    String session = openSlot(c);
    for (int i = 0; i < 3; i++) {
      assertThat(c.request("bet.place", bet(session, 100)).path("type").asString())
          .isEqualTo("bet.result");
    }
    assertThat(c.request("bet.place", bet(session, 50)).path("code").asString())
        .isEqualTo("BET_BELOW_MINIMUM");

    String after = management.prometheus();
    assertThat(delta(before, after, "croupier_gateway_bets_total", okSlot)).isEqualTo(3);
    assertThat(delta(before, after, "croupier_gateway_bets_total", tooSmall)).isEqualTo(1);
    assertThat(delta(before, after, "croupier_gateway_bet_latency_seconds_count", okSlot))
        .isEqualTo(3);
    // The histogram has the 250 ms bucket the p99 alert reads.
    assertThat(after)
        .contains("croupier_gateway_bet_latency_seconds_bucket{")
        .contains("le=\"0.25\"");
    assertThat(Management.sum(after, "croupier_gateway_sockets", Map.of()))
        .isGreaterThanOrEqualTo(1);
    assertThat(
            delta(
                before,
                after,
                "croupier_identity_logins_total",
                Map.of("method", "password", "outcome", "failure")))
        .isEqualTo(1);
    assertThat(
            delta(
                before,
                after,
                "croupier_gateway_ws_frame_seconds_count",
                Map.of("type", "bet.place")))
        .isEqualTo(4);
    // Registration opened the player's account through the wallet's gRPC client.
    assertThat(
            delta(
                before,
                after,
                "grpc_client_seconds_count",
                Map.of("rpc_method", "OpenAccount", "grpc_status_code", "OK")))
        .isGreaterThanOrEqualTo(1);
    assertThat(
            Management.sum(
                after, "http_server_requests_seconds_count", Map.of("uri", "/auth/login")))
        .isGreaterThanOrEqualTo(2);
  }

  private static double delta(
      String before, String after, String name, Map<String, String> labels) {
    return Management.sum(after, name, labels) - Management.sum(before, name, labels);
  }

  // ---- the upgrade -------------------------------------------------------------------------

  @Test
  void upgradeNeedsAValidTokenAnAllowedOriginAndTheSubprotocol() {
    WsStack.Player p = node.newPlayer("Ursula");
    assertThat(WsClient.refusal(node.ws("not-a-token"), Map.of())).isEqualTo(401);
    assertThat(WsClient.refusal(node.ws(p.accessToken() + "x"), Map.of())).isEqualTo(401);
    assertThat(WsClient.refusal(node.ws(p.accessToken()), Map.of("Origin", "https://evil.example")))
        .isEqualTo(403);
    assertThat(
            WsClient.refusal(node.ws(p.accessToken()), Map.of("Origin", "http://localhost:8080")))
        .isEqualTo(101);
    WsClient c = connect(p);
    assertThat(c.request("ping", Map.of()).path("type").asString()).isEqualTo("pong");
  }

  private String ticket(WsStack.Player p) {
    return WsStack.JSON.readTree(node.ticket(p.accessToken()).body()).get("ticket").asString();
  }

  private static Map<String, String> offering(String... protocols) {
    return Map.of("Sec-WebSocket-Protocol", String.join(", ", protocols));
  }

  @Test
  void malformedOrForeignOriginsAre403WithACodeNeverA500() {
    WsStack.Player p = node.newPlayer("Orson");
    for (String origin :
        List.of(
            "http://a:b",
            "http://127.0.0.1:8080.evil.example",
            "null",
            "http://localhost:8080/path",
            "http://user@localhost:8080",
            "javascript:alert(1)",
            "http://[::1",
            "https://evil.example")) {
      RawUpgrade.Answer a =
          RawUpgrade.send(
              node.port,
              "/ws",
              Map.of(
                  "Origin",
                  origin,
                  "Sec-WebSocket-Protocol",
                  "croupier.v1, croupier.ticket." + ticket(p)));
      assertThat(a.status()).as(origin).isEqualTo(403);
      assertThat(a.contentType()).startsWith("application/problem+json");
      assertThat(a.code()).as(origin).isEqualTo("ORIGIN_NOT_ALLOWED");
    }
  }

  @Test
  void aTokenInTheQueryStringIsRefusedAndNeverAccepted() {
    WsStack.Player p = node.newPlayer("Quentin");
    RawUpgrade.Answer a =
        RawUpgrade.send(node.port, "/ws?access_token=" + p.accessToken(), offering("croupier.v1"));
    assertThat(a.status()).isEqualTo(400);
    assertThat(a.code()).isEqualTo("TOKEN_IN_URL");
    // The same token in a header is fine: only the URL is the problem.
    assertThat(
            WsClient.refusal(
                new WsClient.Target(
                    node.wsUri(),
                    List.of("croupier.v1"),
                    Map.of("Authorization", "Bearer " + p.accessToken())),
                Map.of()))
        .isEqualTo(101);
  }

  @Test
  void missingOrUnknownSubprotocolsAre400WithACode() {
    WsStack.Player p = node.newPlayer("Sybil");
    RawUpgrade.Answer none = RawUpgrade.send(node.port, "/ws", Map.of());
    RawUpgrade.Answer unknown =
        RawUpgrade.send(node.port, "/ws", offering("croupier.v2", "croupier.ticket." + ticket(p)));
    RawUpgrade.Answer extra =
        RawUpgrade.send(
            node.port, "/ws", offering("croupier.v1", "chat", "croupier.ticket." + ticket(p)));
    for (RawUpgrade.Answer a : List.of(none, unknown, extra)) {
      assertThat(a.status()).isEqualTo(400);
      assertThat(a.code()).isEqualTo("BAD_SUBPROTOCOL");
    }
  }

  @Test
  void aTicketIsGoodOnceAndABadTicketIs401WithACode() {
    WsStack.Player p = node.newPlayer("Tilda");
    String ticket = ticket(p);
    WsClient.Target target =
        new WsClient.Target(
            node.wsUri(), List.of("croupier.v1", "croupier.ticket." + ticket), Map.of());
    WsClient first = WsClient.connect(target, Map.of(), true);
    clients.add(first);
    assertThat(first.request("ping", Map.of()).path("type").asString()).isEqualTo("pong");
    RawUpgrade.Answer replayed =
        RawUpgrade.send(node.port, "/ws", offering("croupier.v1", "croupier.ticket." + ticket));
    RawUpgrade.Answer forged =
        RawUpgrade.send(
            node.port, "/ws", offering("croupier.v1", "croupier.ticket." + "A".repeat(43)));
    RawUpgrade.Answer garbage =
        RawUpgrade.send(node.port, "/ws", offering("croupier.v1", "croupier.ticket.x"));
    RawUpgrade.Answer nothing = RawUpgrade.send(node.port, "/ws", offering("croupier.v1"));
    for (RawUpgrade.Answer a : List.of(replayed, forged, garbage)) {
      assertThat(a.status()).isEqualTo(401);
      assertThat(a.code()).isEqualTo("INVALID_TICKET");
    }
    assertThat(nothing.status()).isEqualTo(401);
    assertThat(nothing.code()).isEqualTo("INVALID_TOKEN");
    // A ticket needs a token to buy.
    assertThat(node.ticket("not-a-token").statusCode()).isEqualTo(401);
  }

  @Test
  void aRevokedAccessTokenBuysNoTicketAndIsRefusedForRest() {
    WsStack.Player p = node.newPlayer("Ronja");
    node.get("/auth/me", p.accessToken(), 200);
    node.post(
        "/auth/logout",
        Map.of("refreshToken", p.refreshToken(), "accessToken", p.accessToken()),
        204);
    node.get("/auth/me", p.accessToken(), 401);
    assertThat(node.ticket(p.accessToken()).statusCode()).isEqualTo(401);
  }

  @Test
  void anUnknownPathHasItsOwnCode() {
    WsStack.Player p = node.newPlayer("Pat");
    JsonNode missing = node.get("/no/such/thing", p.accessToken(), 404);
    assertThat(missing.path("code").asString()).isEqualTo("UNKNOWN_PATH");
  }

  @Test
  void anAttackerFailingTenTimesNeitherClosesThePlayersSocketNorLocksThePlayerOut() {
    WsStack.Player p = node.newPlayer("Targeted");
    WsClient c = connect(p);
    c.request("ping", Map.of());
    String attackerIp = WsStack.randomIp();
    List<Integer> attackerAnswers = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      String guess = "guess " + i;
      int[] status = new int[1];
      // A patient attacker: waits out each slow-down (429) and fails again.
      await()
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(500))
          .until(() -> (status[0] = node.loginFrom(p.email(), guess, attackerIp)) != 429);
      attackerAnswers.add(status[0]);
    }
    // The attacker's own address is slowed down and then locked out of this account...
    assertThat(attackerAnswers).startsWith(401, 401, 423).doesNotContain(200);
    // (423 for the lock, or 429 once the address's own budget is spent by the polling above.)
    assertThat(node.loginFrom(p.email(), WsStack.PASSWORD, attackerIp)).isIn(423, 429);
    // ...while the player, from their own address, signs in and keeps playing.
    assertThat(node.loginFrom(p.email(), WsStack.PASSWORD, WsStack.randomIp())).isEqualTo(200);
    await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(4)).until(() -> !c.isClosed());
    assertThat(c.request("ping", Map.of()).path("type").asString()).isEqualTo("pong");
    WsClient again = connect(p);
    again.request("ping", Map.of());
  }

  @Test
  void moreConnectionsThanTheLimitAreClosedWith1008() {
    WsStack.Player p = node.newPlayer("Connie");
    for (int i = 0; i < 3; i++) {
      assertThat(connect(p).request("ping", Map.of()).path("type").asString()).isEqualTo("pong");
    }
    WsClient fourth = connect(p);
    assertThat(fourth.awaitClose(Duration.ofSeconds(10))).isEqualTo(1008);
  }

  // ---- bad input never closes the socket ----------------------------------------------------

  @Test
  void badInputGetsErrorFramesAndTheSocketStaysOpen() {
    WsClient c = connect(node.newPlayer("Mallory"));
    c.sendRaw("{not json");
    c.sendRaw("[1,2,3]");
    c.sendRaw("{\"type\":\"ping\",\"payload\":{}}");
    assertThat(c.request("e1", "no.such.type", Map.of()).path("code").asString())
        .isEqualTo("UNKNOWN_MESSAGE_TYPE");
    c.sendRaw("{\"id\":\"e2\",\"type\":\"ping\"}");
    assertThat(c.reply("e2").path("code").asString()).isEqualTo("MALFORMED_MESSAGE");
    assertThat(c.request("e3", "session.close", Map.of()).path("code").asString())
        .isEqualTo("MALFORMED_MESSAGE");
    assertThat(
            c.request("e4", "bet.place", Map.of("sessionId", UUID.randomUUID().toString()))
                .path("code")
                .asString())
        .isEqualTo("MALFORMED_MESSAGE");
    assertThat(
            c.request(
                    "e5",
                    "bet.place",
                    Map.of(
                        "sessionId",
                        UUID.randomUUID().toString(),
                        "amount",
                        1.5,
                        "currency",
                        "COIN"))
                .path("code")
                .asString())
        .isEqualTo("INVALID_WAGER");
    assertThat(
            c.request(
                    "e6",
                    "bet.place",
                    Map.of(
                        "sessionId", UUID.randomUUID().toString(),
                        "amount", "100",
                        "currency", "COIN"))
                .path("code")
                .asString())
        .isEqualTo("INVALID_WAGER");
    assertThat(c.request("e7", "subscribe", Map.of("topic", "gossip")).path("code").asString())
        .isEqualTo("VALIDATION_FAILED");
    assertThat(
            c.request("e8", "session.state", Map.of("sessionId", "nope")).path("code").asString())
        .isEqualTo("VALIDATION_FAILED");
    assertThat(c.request("e9", "chat.send", Map.of("text", 42)).path("code").asString())
        .isEqualTo("MALFORMED_MESSAGE");
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> c.events.stream().filter(e -> e.path("re").isNull()).count() == 3);
    assertThat(c.events)
        .allSatisfy(e -> assertThat(e.path("code").asString()).isEqualTo("MALFORMED_MESSAGE"));
    assertThat(c.request("ping", Map.of()).path("type").asString()).isEqualTo("pong");
    assertThat(c.isClosed()).isFalse();
  }

  @Test
  void aFrameOver64KiBClosesTheSocketWith1009() {
    WsClient c = connect(node.newPlayer("Bigmouth"));
    c.sendRaw(
        "{\"id\":\"big\",\"type\":\"chat.send\",\"payload\":{\"text\":\""
            + "x".repeat(70_000)
            + "\"}}");
    assertThat(c.awaitClose(Duration.ofSeconds(10))).isEqualTo(1009);
  }

  // ---- rate limits and the slow reader --------------------------------------------------------

  @Test
  void aConnectionSendingFasterThanItsBucketGetsRateLimited() {
    WsClient c = connect(node.newPlayer("Speedy"));
    List<String> codes = new ArrayList<>();
    // Sent back to back, so the bucket (20/s) barely refills while they arrive.
    for (JsonNode reply : c.burst("p", "ping", Map.of(), 55)) {
      codes.add(reply.path("code").asString(""));
    }
    // A burst of 40 passes; the rest is refused.
    assertThat(codes.subList(0, 40)).containsOnly("");
    assertThat(codes).contains("RATE_LIMITED");
    assertThat(c.request("ping", Map.of()).path("code").asString("")).isIn("", "RATE_LIMITED");
    assertThat(c.isClosed()).isFalse();
  }

  @Test
  void oneUserIsLimitedAcrossItsConnectionsAndAddresses() {
    WsStack.Player p = node.newPlayer("Twins");
    String ip = WsStack.randomIp();
    WsClient a = WsClient.connect(node.ws(p.accessToken()), Map.of("X-Forwarded-For", ip), true);
    WsClient b = WsClient.connect(node.ws(p.accessToken()), Map.of("X-Forwarded-For", ip), true);
    clients.add(a);
    clients.add(b);
    List<String> codes = new ArrayList<>();
    for (int i = 0; i < 38; i++) {
      codes.add(a.request("a" + i, "ping", Map.of()).path("code").asString(""));
      codes.add(b.request("b" + i, "ping", Map.of()).path("code").asString(""));
    }
    // Each connection stays within its own burst of 40; together they pass the user's 60, a
    // budget the user has once, whatever the connection, address or node.
    assertThat(codes.subList(0, 60)).containsOnly("");
    assertThat(codes).contains("RATE_LIMITED");
    // The budget is the user's, whatever the address: another address gives no fresh one...
    WsClient elsewhere = connect(p);
    List<String> fromElsewhere = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      fromElsewhere.add(elsewhere.request("e" + i, "ping", Map.of()).path("code").asString(""));
    }
    assertThat(fromElsewhere).contains("RATE_LIMITED");
    // ...while another player at the same address has a budget of their own.
    WsStack.Player neighbour = node.newPlayer("Neighbour");
    WsClient next =
        WsClient.connect(node.ws(neighbour.accessToken()), Map.of("X-Forwarded-For", ip), true);
    clients.add(next);
    assertThat(next.request("ping", Map.of()).path("type").asString()).isEqualTo("pong");
  }

  @Test
  void aSlowReaderLosesEventsAndTheQueueStaysBounded() {
    WsStack.Player p = node.newPlayer("Sloth");
    WsClient c = WsClient.connect(node.ws(p.accessToken()), Map.of(), false);
    clients.add(c);
    Sockets sockets = node.context.getBean(Sockets.class);
    Connection server =
        await()
            .until(
                () -> sockets.ofUser(UUID.fromString(p.userId())).stream().findFirst().orElse(null),
                s -> s != null);
    sockets.subscribe(server, Topic.JACKPOT);
    String big = "x".repeat(60_000);
    // Fill the socket's TCP buffers and then the bounded queue with droppable events.
    for (int i = 0; i < 5_000 && server.droppedEvents() < 100; i++) {
      sockets.push(
          Topic.JACKPOT,
          new ServerEvent(
              "jackpot.update", Map.of("pool", i, "currency", "COIN", "asOf", big), true));
    }
    assertThat(server.droppedEvents()).isGreaterThanOrEqualTo(100);
    assertThat(server.closedWith()).isNull();
    assertThat(server.queuedFrames()).isLessThanOrEqualTo(256);
    // The socket stays usable: once the reader reads again it gets the newest frames.
    c.startReading();
    assertThat(c.request("ping", Map.of()).path("type").asString()).isEqualTo("pong");
    c.schemaViolations.clear();
  }

  // ---- sessions and bets -----------------------------------------------------------------------

  @Test
  void aBetIsPlayedOnceWhateverTheReplaysAndTheBalanceMatchesTheWallet() throws Exception {
    WsStack.Player p = node.newPlayer("Bettor");
    WsClient c = connect(p);
    JsonNode opened =
        c.request("session.open", Map.of("gameId", "slot-classic", "version", "1.0.0"));
    assertThat(opened.at("/payload/commitment").asString()).matches("[0-9a-f]{64}");
    assertThat(opened.at("/payload/game/minBet").asLong()).isEqualTo(100);
    String session = opened.at("/payload/sessionId").asString();

    JsonNode first = c.request("bet-1", "bet.place", bet(session, 200));
    assertThat(first.path("type").asString()).isEqualTo("bet.result");
    assertThat(first.at("/payload/round").asLong()).isEqualTo(1);
    assertThat(first.at("/payload/stake").asLong()).isEqualTo(200);
    JsonNode again = c.request("bet-1", "bet.place", bet(session, 200));
    assertThat(again.get("payload")).isEqualTo(first.get("payload"));
    WsClient other = connect(p);
    assertThat(other.request("bet-1", "bet.place", bet(session, 200)).get("payload"))
        .isEqualTo(first.get("payload"));
    assertThat(c.request("bet-1", "bet.place", bet(session, 300)).path("code").asString())
        .isEqualTo("DUPLICATE_REQUEST");

    long posted =
        stack.count(
            "select count(*) from wallet.transaction where idempotency_key like ?",
            "session-" + session + "%");
    assertThat(posted).isEqualTo(1);
    long balance = c.request("balance.get", Map.of()).at("/payload/balance").asLong();
    assertThat(balance).isEqualTo(first.at("/payload/balance").asLong());
    assertThat(balance).isEqualTo(stack.wallet.balance(p.userId()));

    assertThat(c.request("bet.place", bet(session, 50)).path("code").asString())
        .isEqualTo("BET_BELOW_MINIMUM");
    assertThat(c.request("bet.place", bet(session, 100_000_000)).path("code").asString())
        .isIn("BET_ABOVE_MAXIMUM", "INSUFFICIENT_FUNDS");
    assertThat(
            c.request("bet.place", bet(UUID.randomUUID().toString(), 100)).path("code").asString())
        .isEqualTo("UNKNOWN_SESSION");

    JsonNode closed = c.request("session.close", Map.of("sessionId", session));
    assertThat(closed.path("type").asString()).isEqualTo("session.closed");
    assertThat(sha256(closed.at("/payload/serverSeed").asString()))
        .isEqualTo(opened.at("/payload/commitment").asString());
    assertThat(closed.at("/payload/rounds").asLong()).isEqualTo(1);
    assertThat(c.request("bet.place", bet(session, 100)).path("code").asString())
        .isEqualTo("SESSION_CLOSED");
  }

  @Test
  void thePlayerChoosesTheClientSeedAfterTheCommitmentAndItIsFixedByTheFirstBet() {
    WsStack.Player p = node.newPlayer("Seeder");
    WsClient c = connect(p);
    String session = openSlot(c);
    assertThat(
            c.request("session.seed", Map.of("sessionId", session, "clientSeed", "two words"))
                .path("code")
                .asString())
        .isEqualTo("VALIDATION_FAILED");
    assertThat(c.request("session.seed", Map.of("sessionId", session)).path("code").asString())
        .isEqualTo("MALFORMED_MESSAGE");
    WsClient thief = connect(node.newPlayer("SeedThief"));
    assertThat(
            thief
                .request("session.seed", Map.of("sessionId", session, "clientSeed", "mine"))
                .path("code")
                .asString())
        .isEqualTo("NOT_YOUR_SESSION");

    JsonNode seeded =
        c.request("session.seed", Map.of("sessionId", session, "clientSeed", "lucky-7:seed"));
    assertThat(seeded.path("type").asString()).isEqualTo("session.seeded");
    assertThat(seeded.at("/payload/clientSeed").asString()).isEqualTo("lucky-7:seed");
    c.request("bet.place", bet(session, 100));
    assertThat(
            c.request("session.seed", Map.of("sessionId", session, "clientSeed", "later"))
                .path("code")
                .asString())
        .isEqualTo("CLIENT_SEED_LOCKED");
    JsonNode closed = c.request("session.close", Map.of("sessionId", session));
    assertThat(closed.at("/payload/clientSeed").asString()).isEqualTo("lucky-7:seed");
    assertThat(
            stack.query(
                "select client_seed from game.rounds where session_id = ?::uuid and round = 1",
                session))
        .containsExactly(List.of("lucky-7:seed"));
  }

  @Test
  void autoSpinPlaysEachRoundOnItsOwnWhenTheFlagIsOn() {
    WsClient c = connect(node.newPlayer("Spinner"));
    String session = openSlot(c);
    JsonNode r =
        c.request(
            "bet.place",
            Map.of("sessionId", session, "amount", 100, "currency", "COIN", "spins", 5));
    assertThat(r.at("/payload/rounds").size()).isEqualTo(5);
    assertThat(r.at("/payload/round").asLong()).isEqualTo(5);
    assertThat(
            stack.count(
                "select count(*) from wallet.transaction where idempotency_key like ?",
                "session-" + session + "%"))
        .isEqualTo(5);
  }

  @Test
  void actingOnAnotherPlayersSessionIsRefusedAndLogged() {
    ListAppender<ILoggingEvent> logs = new ListAppender<>();
    logs.start();
    ((Logger) LoggerFactory.getLogger(MessageDispatcher.class)).addAppender(logs);
    WsClient owner = connect(node.newPlayer("Owner"));
    WsStack.Player thief = node.newPlayer("Thief");
    WsClient other = connect(thief);
    String session = openSlot(owner);
    assertThat(other.request("bet.place", bet(session, 100)).path("code").asString())
        .isEqualTo("NOT_YOUR_SESSION");
    assertThat(other.request("session.state", Map.of("sessionId", session)).path("code").asString())
        .isEqualTo("NOT_YOUR_SESSION");
    assertThat(other.request("session.close", Map.of("sessionId", session)).path("code").asString())
        .isEqualTo("NOT_YOUR_SESSION");
    assertThat(
            owner
                .request("session.state", Map.of("sessionId", session))
                .at("/payload/round")
                .asLong())
        .isZero();
    assertThat(logs.list)
        .filteredOn(e -> e.getFormattedMessage().contains("belongs to another player"))
        .hasSize(3)
        .allSatisfy(e -> assertThat(e.getFormattedMessage()).contains(thief.userId(), session));
  }

  @Test
  void aReconnectingPlayerGetsTheSessionStateAndTheAnswerToABetSentBeforeTheDrop() {
    WsStack.Player p = node.newPlayer("Phoenix");
    WsClient first = connect(p);
    String session = openSlot(first);
    first.request("bet.place", bet(session, 100));
    // The round is accepted, then the socket drops before the answer is read.
    first.send("lost-answer", "bet.place", bet(session, 100));
    first.abort();

    WsClient second = connect(p);
    JsonNode state =
        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () -> second.request("session.state", Map.of("sessionId", session)),
                s -> s.at("/payload/round").asLong() == 2);
    assertThat(state.at("/payload/status").asString()).isEqualTo("OPEN");
    assertThat(state.at("/payload/lastResults").size()).isEqualTo(2);
    JsonNode replayed = second.request("lost-answer", "bet.place", bet(session, 100));
    assertThat(replayed.at("/payload/round").asLong()).isEqualTo(2);
    assertThat(
            stack.count(
                "select count(*) from wallet.transaction where idempotency_key like ?",
                "session-" + session + "%"))
        .isEqualTo(2);
  }

  // ---- realtime ------------------------------------------------------------------------------

  @Test
  void chatIsEscapedSharedWithSubscribersAndKeptForLateJoiners() {
    WsStack.Player alice = node.newPlayer("Alice");
    WsClient a = connect(alice);
    a.request("subscribe", Map.of("topic", "lobby"));
    String text = "<b>hi</b> & \"bye\" " + UUID.randomUUID();
    assertThat(a.request("chat.send", Map.of("text", text)).path("type").asString())
        .isEqualTo("chat.sent");
    JsonNode seen =
        a.awaitEvent(e -> e.at("/payload/text").asString().endsWith(text.substring(19)));
    assertThat(seen.at("/payload/text").asString())
        .startsWith("&lt;b&gt;hi&lt;/b&gt; &amp; &quot;bye&quot;");
    assertThat(seen.at("/payload/from").asString()).isEqualTo(alice.displayName());

    assertThat(a.request("chat.send", Map.of("text", "   ")).path("code").asString())
        .isEqualTo("VALIDATION_FAILED");
    assertThat(a.request("chat.send", Map.of("text", "y".repeat(281))).path("code").asString())
        .isEqualTo("VALIDATION_FAILED");

    WsClient late = connect(node.newPlayer("Latecomer"));
    late.request("subscribe", Map.of("topic", "lobby"));
    late.awaitEvent(e -> e.at("/payload/text").asString().endsWith(text.substring(19)));
    late.awaitEvent("tables.update");
  }

  @Test
  void chatIsRateLimitedPerPlayer() {
    WsClient c = connect(node.newPlayer("Chatty"));
    List<String> codes = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      codes.add(c.request("chat.send", Map.of("text", "spam " + i)).path("code").asString(""));
    }
    assertThat(codes).contains("RATE_LIMITED");
  }

  @Test
  void jackpotLeaderboardAndTableRecordsArePushedToSubscribers() {
    WsClient c = connect(node.newPlayer("Watcher"));
    c.request("subscribe", Map.of("topic", "jackpot"));
    c.request("subscribe", Map.of("topic", "leaderboard"));
    c.request("subscribe", Map.of("topic", "lobby"));
    Properties props = new Properties();
    props.put("bootstrap.servers", stack.kafka.bootstrapServers());
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
      producer.send(
          new ProducerRecord<>(
              "jackpot.updates",
              "COIN",
              "{\"type\":\"jackpot.update\",\"payload\":{\"pool\":123456,\"currency\":\"COIN\",\"asOf\":\"2025-01-01T00:00:00Z\"}}"));
      producer.send(
          new ProducerRecord<>(
              "leaderboard.updates",
              "biggest-win/daily",
              "{\"type\":\"leaderboard.update\",\"payload\":{\"board\":\"biggest-win\",\"period\":\"daily\",\"entries\":[{\"rank\":1,\"displayName\":\"Zed\",\"value\":5000}]}}"));
      producer.send(
          new ProducerRecord<>(
              "lobby.tables",
              "t-1",
              "{\"tableId\":\"t-1\",\"stakes\":\"5/10\",\"seats\":6,\"seated\":2}"));
      producer.flush();
    }
    assertThat(c.awaitEvent("jackpot.update").at("/payload/pool").asLong()).isEqualTo(123456);
    assertThat(c.awaitEvent("leaderboard.update").at("/payload/entries/0/displayName").asString())
        .isEqualTo("Zed");
    c.awaitEvent(
        e ->
            e.path("type").asString().equals("tables.update")
                && e.at("/payload/tables").size() == 1);
    // A late subscriber gets the last values at once.
    WsClient late = connect(node.newPlayer("Later"));
    late.request("subscribe", Map.of("topic", "jackpot"));
    assertThat(late.awaitEvent("jackpot.update").at("/payload/pool").asLong()).isEqualTo(123456);
    late.request("unsubscribe", Map.of("topic", "jackpot"));
  }

  @Test
  void theGameInfoServesTheReelsOfTheExactVersion() {
    WsStack.Player p = node.newPlayer("Reader");
    JsonNode info = node.get("/api/games/slot-classic/1.0.0", p.accessToken(), 200);
    assertThat(info.at("/descriptor/math/baseRtp").asDouble()).isBetween(0.9, 1.0);
    assertThat(info.get("reels").size()).isEqualTo(5);
    assertThat(info.at("/reels/0/0").asString()).isEqualTo("BELL");
    assertThat(info.get("paylines").size()).isEqualTo(20);
    assertThat(info.at("/features/autoSpin").asBoolean()).isTrue();
    node.get("/api/games/slot-classic/9.9.9", p.accessToken(), 404);
  }

  static String sha256(String hex) throws Exception {
    return HexFormat.of()
        .formatHex(MessageDigest.getInstance("SHA-256").digest(HexFormat.of().parseHex(hex)));
  }
}
