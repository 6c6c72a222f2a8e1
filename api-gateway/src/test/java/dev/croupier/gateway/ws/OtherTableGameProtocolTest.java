package dev.croupier.gateway.ws;

import static dev.croupier.gateway.ws.TableFrames.awaitView;
import static dev.croupier.gateway.ws.TableFrames.code;
import static dev.croupier.gateway.ws.TableFrames.on;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.croupier.client.tables.GameTables;
import dev.croupier.devstack.KafkaBroker;
import dev.croupier.devstack.TemporalServer;
import dev.croupier.games.api.fake.FakeHighCardGame;
import dev.croupier.testsupport.KafkaExtension;
import dev.croupier.testsupport.PostgresDatabase;
import dev.croupier.testsupport.PostgresExtension;
import dev.croupier.testsupport.TemporalServerExtension;
import dev.croupier.workflows.table.TableOptions;
import dev.croupier.workflows.table.TableStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/**
 * A table game the gateway has never heard of, the API's fake high-card game, played over real
 * sockets through the same {@code table.*} messages as poker: the gateway passes moves and views
 * through without knowing the game, the platform fields stay the same, only the viewer's own card
 * is shown, and the game's own refusals reach the player with their codes. This is the proof that a
 * second table game needs no gateway change.
 */
@ExtendWith({PostgresExtension.class, KafkaExtension.class, TemporalServerExtension.class})
class OtherTableGameProtocolTest {
  private static final Map<String, Object> HIGH_CARD =
      Map.of(
          "currency", "COIN",
          "seats", 2,
          "ante", 10,
          "minBuyIn", 100,
          "maxBuyIn", 1_000,
          "rakeBps", 500);
  private static final TableOptions OPTIONS =
      TableOptions.DEFAULTS.withActionTimeout(Duration.ofMinutes(5)).withHandPause(Duration.ZERO);

  private static WsStack stack;
  private static WsStack.Node node;
  private static GameTables tables;
  private final List<WsClient> clients = new ArrayList<>();

  @BeforeAll
  static void start(PostgresDatabase db, KafkaBroker kafka, TemporalServer temporal) {
    stack = new WsStack(db, kafka, temporal);
    tables = stack.tables().tables();
    node = stack.startNode(Map.of("croupier.gateway.realtime.tables-topic", stack.lobbyTopic));
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

  @Test
  void aTableGameTheGatewayDoesNotKnowIsPlayedThroughTheSameMessages() {
    UUID table = UUID.randomUUID();
    tables.open(table, "High card " + table, FakeHighCardGame.REF, HIGH_CARD, OPTIONS);
    WsStack.Player alice = node.newPlayer("Ada");
    WsStack.Player bob = node.newPlayer("Brook");
    WsClient a = connect(alice);
    WsClient b = connect(bob);

    JsonNode first = a.request("table.watch", on(table));
    assertThat(first.path("type").asString()).isEqualTo("table.view");
    JsonNode empty = first.get("payload");
    assertThat(empty.path("game").asString()).isEqualTo("fake-highcard@1.0.0");
    assertThat(empty.path("stakes").asString()).isEqualTo("ante 10");
    assertThat(empty.path("seatCount").asInt()).isEqualTo(2);
    assertThat(empty.path("ante").asLong()).isEqualTo(10);
    assertThat(empty.path("round").isNull()).isTrue();
    assertThat(b.request("table.watch", on(table)).path("type").asString()).isEqualTo("table.view");

    // The game's own refusals reach the player with their codes.
    assertThat(code(a.request("table.sit", on(table, "seat", 0, "buyIn", 5_000))))
        .isEqualTo("BUY_IN_OUT_OF_RANGE");
    assertThat(code(a.request("table.sit", on(table, "seat", 0, "buyIn", 500)))).isEmpty();
    assertThat(code(b.request("table.sit", on(table, "seat", 0, "buyIn", 300))))
        .isEqualTo("SEAT_TAKEN");
    assertThat(code(b.request("table.sit", on(table, "seat", 1, "buyIn", 300)))).isEmpty();
    assertThat(stack.wallet.balance(alice.userId())).isEqualTo(100_000 - 500);

    // A round starts at once: each player sees their own card only.
    JsonNode av = awaitView(a, table, v -> !v.path("round").isNull());
    JsonNode bv = awaitView(b, table, v -> !v.path("round").isNull());
    assertThat(av.path("viewerSeat").asInt()).isZero();
    assertThat(av.at("/seats/1/displayName").asString()).isEqualTo(bob.displayName());
    assertThat(av.at("/round/players/0/card").asString()).hasSize(2);
    assertThat(av.at("/round/players/1/card").isNull()).isTrue();
    assertThat(bv.at("/round/players/0/card").isNull()).isTrue();
    assertThat(bv.at("/round/players/1/card").asString()).hasSize(2);
    assertThat(av.toString()).doesNotContain(alice.userId(), bob.userId());
    assertThat(av.at("/round/pot").asLong()).isEqualTo(20);

    int toAct = av.at("/round/toAct").asInt();
    WsClient actor = toAct == 0 ? a : b;
    WsClient idle = toAct == 0 ? b : a;
    // A poker move is no move of this game; out of turn is refused by the game.
    assertThat(code(actor.request("table.act", on(table, "seat", toAct, "action", "check"))))
        .isEqualTo("VALIDATION_FAILED");
    assertThat(code(idle.request("table.act", on(table, "seat", 1 - toAct, "action", "stay"))))
        .isEqualTo("NOT_YOUR_TURN");

    // Both stay: the cards are shown, the higher one takes the pot less 5 % rake.
    assertThat(code(actor.request("table.act", on(table, "seat", toAct, "action", "stay"))))
        .isEmpty();
    awaitView(idle, table, v -> v.at("/round/toAct").asInt() == 1 - toAct);
    assertThat(code(idle.request("table.act", on(table, "seat", 1 - toAct, "action", "stay"))))
        .isEmpty();
    JsonNode ended = awaitView(a, table, v -> v.at("/last/number").asLong() == 1);
    assertThat(ended.at("/last/shown").size()).isEqualTo(2);
    assertThat(ended.at("/last/pot").asLong()).isEqualTo(20);
    assertThat(ended.at("/last/rake").asLong()).isEqualTo(1);

    // Money: what the table shows is what the ledger holds.
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () -> {
              TableStatus s = tables.status(table);
              return s.escrowBalance() == s.chipsInPlay()
                  && s.totalBuyIns() - s.totalRake() == s.chipsInPlay();
            });
    TableStatus status = tables.status(table);
    assertThat(status.game()).isEqualTo("fake-highcard@1.0.0");
    assertThat(status.totalRake()).isEqualTo(1);

    for (WsClient c : List.of(a, b)) {
      assertThat(c.request("ping", Map.of()).path("type").asString()).isEqualTo("pong");
      assertThat(c.isClosed()).isFalse();
    }
  }
}
