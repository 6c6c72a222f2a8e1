package dev.croupier.gateway.ws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.croupier.devstack.KafkaBroker;
import dev.croupier.devstack.TemporalServer;
import dev.croupier.testsupport.KafkaExtension;
import dev.croupier.testsupport.PostgresDatabase;
import dev.croupier.testsupport.PostgresExtension;
import dev.croupier.testsupport.TemporalServerExtension;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/**
 * Two gateway nodes in one JVM, each its own Spring context on its own port, sharing nothing but
 * Temporal, Kafka and PostgreSQL: a player moves from one to the other mid-session, and chat sent
 * on one reaches players on the other.
 */
@ExtendWith({PostgresExtension.class, KafkaExtension.class, TemporalServerExtension.class})
class TwoGatewayNodesTest {
  private static WsStack stack;
  private static WsStack.Node a;
  private static WsStack.Node b;

  @BeforeAll
  static void start(PostgresDatabase db, KafkaBroker kafka, TemporalServer temporal) {
    stack = new WsStack(db, kafka, temporal);
    a = stack.startNode(Map.of());
    b = stack.startNode(Map.of());
  }

  @AfterAll
  static void stop() {
    stack.close();
  }

  @Test
  void aPlayerMovesToTheOtherNodeMidSessionAndKeepsPlaying() {
    WsStack.Player p = a.newPlayer("Nomad");
    WsClient onA = a.connect(p);
    String session =
        onA.request("session.open", Map.of("gameId", "slot-classic"))
            .at("/payload/sessionId")
            .asString();
    Map<String, Object> bet = Map.of("sessionId", session, "amount", 100, "currency", "COIN");
    JsonNode first = onA.request("move-1", "bet.place", bet);
    onA.abort();

    WsClient onB = b.connect(p);
    JsonNode state = onB.request("session.state", Map.of("sessionId", session));
    assertThat(state.at("/payload/status").asString()).isEqualTo("OPEN");
    assertThat(state.at("/payload/round").asLong()).isEqualTo(1);
    assertThat(onB.request("move-1", "bet.place", bet).get("payload"))
        .isEqualTo(first.get("payload"));
    JsonNode second = onB.request("move-2", "bet.place", bet);
    assertThat(second.at("/payload/round").asLong()).isEqualTo(2);
    assertThat(onB.request("balance.get", Map.of()).at("/payload/balance").asLong())
        .isEqualTo(stack.wallet.balance(p.userId()));
    assertThat(
            onB.request("session.close", Map.of("sessionId", session))
                .at("/payload/rounds")
                .asLong())
        .isEqualTo(2);
    assertThat(onA.schemaViolations).isEmpty();
    assertThat(onB.schemaViolations).isEmpty();
    onB.close();
  }

  @Test
  void chatSentOnOneNodeReachesPlayersOnTheOther() {
    WsClient listener = a.connect(a.newPlayer("Listener"));
    listener.request("subscribe", Map.of("topic", "lobby"));
    WsStack.Player talker = b.newPlayer("Talker");
    WsClient speaker = b.connect(talker);
    String text = "hello from node b " + UUID.randomUUID();
    assertThat(speaker.request("chat.send", Map.of("text", text)).path("type").asString())
        .isEqualTo("chat.sent");
    JsonNode heard = listener.awaitEvent(e -> text.equals(e.at("/payload/text").asString()));
    assertThat(heard.at("/payload/from").asString()).isEqualTo(talker.displayName());
    assertThat(listener.schemaViolations).isEmpty();
    listener.close();
    speaker.close();
  }
}
