package dev.croupier.gateway.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.croupier.devstack.KafkaBroker;
import dev.croupier.devstack.TemporalServer;
import dev.croupier.testsupport.KafkaExtension;
import dev.croupier.testsupport.PostgresDatabase;
import dev.croupier.testsupport.PostgresExtension;
import dev.croupier.testsupport.TemporalServerExtension;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The socket is closed with 1008 soon after its token expires, its device logs out, or its player
 * is disabled or locked; with a 1 s watchdog here (15 s by default, so within 60 s in production).
 * Access tokens live 6 s in this class.
 */
@ExtendWith({PostgresExtension.class, KafkaExtension.class, TemporalServerExtension.class})
class SocketWatchdogTest {
  private static final Duration WITHIN = Duration.ofSeconds(15);
  private static WsStack stack;
  private static WsStack.Node node;

  @BeforeAll
  static void start(PostgresDatabase db, KafkaBroker kafka, TemporalServer temporal) {
    stack = new WsStack(db, kafka, temporal);
    node =
        stack.startNode(
            Map.of(
                "croupier.identity.access-token-ttl", "6s",
                "croupier.gateway.ws.watchdog-interval", "1s"));
  }

  @AfterAll
  static void stop() {
    stack.close();
  }

  @Test
  void anExpiredTokenClosesTheSocketWith1008() {
    WsClient c = node.connect(node.newPlayer("Cinder"));
    assertThat(c.request("ping", Map.of()).path("type").asString()).isEqualTo("pong");
    assertThat(c.awaitClose(WITHIN)).isEqualTo(1008);
  }

  @Test
  void loggingOutClosesTheDevicesSocketWith1008() {
    WsStack.Player p = node.newPlayer("Leaver");
    WsClient c = node.connect(p);
    c.request("ping", Map.of());
    node.post("/auth/logout", Map.of("refreshToken", p.refreshToken()), 204);
    assertThat(c.awaitClose(Duration.ofSeconds(4))).isEqualTo(1008);
  }

  @Test
  void disablingThePlayerClosesTheSocketWith1008() {
    WsStack.Player p = node.newPlayer("Banned");
    WsClient c = node.connect(p);
    c.request("ping", Map.of());
    stack.query(
        "update identity.users set status = 'DISABLED' where user_id = ?",
        UUID.fromString(p.userId()));
    assertThat(c.awaitClose(Duration.ofSeconds(4))).isEqualTo(1008);
    // Its access token is void from the lock on (TokenCutoff): no ticket, and the upgrade answers
    // 401; the refresh then says why (ACCOUNT_DISABLED).
    assertThat(WsClient.refusal(node.ws(p.accessToken()), Map.of())).isEqualTo(401);
  }

  @Test
  void aSocketOfAnotherDeviceSurvivesALogout() {
    WsStack.Player p = node.newPlayer("Stayer");
    var second = node.login(p.email());
    WsClient other =
        WsClient.connect(node.ws(second.get("accessToken").asString()), Map.of(), true);
    node.post("/auth/logout", Map.of("refreshToken", p.refreshToken()), 204);
    // Three watchdog sweeps, shorter than the token's life.
    await()
        .during(Duration.ofSeconds(3))
        .atMost(Duration.ofSeconds(4))
        .until(() -> !other.isClosed());
    other.abort();
  }
}
