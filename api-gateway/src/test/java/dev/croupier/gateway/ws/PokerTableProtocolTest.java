package dev.croupier.gateway.ws;

import static dev.croupier.gateway.ws.TableFrames.awaitView;
import static dev.croupier.gateway.ws.TableFrames.code;
import static dev.croupier.gateway.ws.TableFrames.on;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.croupier.client.testing.PokerTableClient;
import dev.croupier.devstack.KafkaBroker;
import dev.croupier.devstack.TemporalServer;
import dev.croupier.games.poker.TableConfig;
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
 * The {@code table.*} messages over real sockets, against a real table workflow on the Temporal dev
 * server with the real wallet, outbox, relay and Kafka: watching, sitting and acting, views pushed
 * after every change with only the viewer's own hole cards, the lobby's table list, idempotent
 * requests, and every bad input answered with its own error code on a socket that stays open. Every
 * frame the server sends is checked against the protocol's JSON Schema.
 */
@ExtendWith({PostgresExtension.class, KafkaExtension.class, TemporalServerExtension.class})
class PokerTableProtocolTest {
  // Heads-up, blinds 5/10, buy-ins 100-1,000, 5 % rake capped at 20.
  private static final TableConfig HEADS_UP =
      new TableConfig("COIN", 2, 5, 10, 100, 1_000, 500, 20);
  // A long clock, so the table never acts for anyone while a test thinks.
  private static final TableOptions OPTIONS =
      TableOptions.DEFAULTS.withActionTimeout(Duration.ofMinutes(5)).withHandPause(Duration.ZERO);

  private static WsStack stack;
  private static WsStack.Node node;
  private static PokerTableClient tables;
  private final List<WsClient> clients = new ArrayList<>();

  @BeforeAll
  static void start(PostgresDatabase db, KafkaBroker kafka, TemporalServer temporal) {
    stack = new WsStack(db, kafka, temporal);
    tables = stack.tables();
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

  private static UUID openTable(String name) {
    UUID id = UUID.randomUUID();
    tables.open(id, name, HEADS_UP, OPTIONS);
    return id;
  }

  @Test
  void watchersSeeTheirOwnCardsOnlyAndAFreshViewAfterEveryChange() {
    UUID table = openTable("Watch " + UUID.randomUUID());
    WsStack.Player alice = node.newPlayer("Alice");
    WsStack.Player bob = node.newPlayer("Bob");
    WsClient a = connect(alice);
    WsClient b = connect(bob);
    WsClient rail = connect(node.newPlayer("Railbird"));
    assertThat(rail.request("subscribe", Map.of("topic", "lobby")).path("type").asString())
        .isEqualTo("subscribed");

    JsonNode first = a.request("table.watch", on(table));
    assertThat(first.path("type").asString()).isEqualTo("table.view");
    JsonNode view = first.get("payload");
    assertThat(view.path("stakes").asString()).isEqualTo("5/10");
    assertThat(view.path("seatCount").asInt()).isEqualTo(2);
    assertThat(view.path("viewerSeat").asInt()).isEqualTo(-1);
    assertThat(view.path("hand").isNull()).isTrue();
    assertThat(view.path("seats"))
        .allSatisfy(s -> assertThat(s.path("status").asString()).isEqualTo("EMPTY"));
    assertThat(b.request("table.watch", on(table)).path("type").asString()).isEqualTo("table.view");
    assertThat(rail.request("table.watch", on(table)).path("type").asString())
        .isEqualTo("table.view");

    JsonNode sat = a.request("table.sit", on(table, "seat", 0, "buyIn", 500));
    assertThat(sat.path("type").asString()).isEqualTo("table.ack");
    assertThat(sat.at("/payload/stack").asLong()).isEqualTo(500);
    assertThat(b.request("table.sit", on(table, "seat", 1, "buyIn", 400)).path("type").asString())
        .isEqualTo("table.ack");
    assertThat(stack.wallet.balance(alice.userId())).isEqualTo(100_000 - 500);

    // The hand starts at once (no pause): every watcher is pushed a view of it.
    JsonNode aliceView = awaitView(a, table, v -> !v.path("hand").isNull());
    JsonNode bobView = awaitView(b, table, v -> !v.path("hand").isNull());
    JsonNode railView = awaitView(rail, table, v -> !v.path("hand").isNull());
    assertThat(aliceView.path("viewerSeat").asInt()).isZero();
    assertThat(aliceView.at("/seats/0/displayName").asString()).isEqualTo(alice.displayName());
    assertThat(aliceView.at("/seats/1/displayName").asString()).isEqualTo(bob.displayName());
    assertThat(aliceView.at("/hand/players/0/holeCards")).hasSize(2);
    assertThat(aliceView.at("/hand/players/1/holeCards")).isEmpty();
    assertThat(bobView.at("/hand/players/0/holeCards")).isEmpty();
    assertThat(bobView.at("/hand/players/1/holeCards")).hasSize(2);
    assertThat(railView.at("/hand/players/0/holeCards")).isEmpty();
    assertThat(railView.at("/hand/players/1/holeCards")).isEmpty();
    assertThat(railView.path("viewerSeat").asInt()).isEqualTo(-1);
    assertThat(railView.toString()).doesNotContain(alice.userId(), bob.userId());

    // Heads-up, the button posts the small blind and acts first; only its view has legal moves.
    int button = aliceView.at("/hand/button").asInt();
    assertThat(aliceView.at("/hand/toAct").asInt()).isEqualTo(button);
    WsClient toAct = button == 0 ? a : b;
    WsClient other = button == 0 ? b : a;
    JsonNode actorView = button == 0 ? aliceView : bobView;
    assertThat(actorView.at("/hand/legal/toCall").asLong()).isEqualTo(5);
    assertThat(actorView.at("/hand/legal/minTo").asLong()).isEqualTo(20);
    assertThat((button == 0 ? bobView : aliceView).at("/hand/legal").isNull()).isTrue();
    assertThat(railView.at("/actionDeadline").asString()).isNotBlank();
    long seq = actorView.path("eventSeq").asLong();

    JsonNode called = toAct.request("table.act", on(table, "seat", button, "action", "call"));
    assertThat(called.path("type").asString()).isEqualTo("table.ack");
    JsonNode afterCall =
        awaitView(
            other, table, v -> v.path("eventSeq").asLong() > seq && !v.at("/hand/legal").isNull());
    assertThat(afterCall.at("/hand/pot").asLong()).isEqualTo(20);
    assertThat(afterCall.at("/hand/legal/canCheck").asBoolean()).isTrue();
    awaitView(rail, table, v -> v.path("eventSeq").asLong() > seq);

    // The other folds: the hand ends and the next one starts; every view shows the last hand.
    other.request("table.act", on(table, "seat", 1 - button, "action", "fold"));
    JsonNode ended = awaitView(rail, table, v -> v.at("/lastHand/handNumber").asLong() == 1);
    assertThat(ended.at("/lastHand/showdown").asBoolean()).isFalse();
    assertThat(ended.at("/lastHand/awards/0/seat").asInt()).isEqualTo(button);

    // Money: what the table shows is what the ledger holds.
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () -> {
              TableStatus s = tables.status(table);
              return s.escrowBalance() == s.chipsInPlay()
                  && s.totalBuyIns() - s.totalRake() == s.chipsInPlay();
            });

    // The lobby lists the table with both seats taken.
    JsonNode listed =
        rail.awaitEvent(
            e ->
                "tables.update".equals(e.path("type").asString())
                    && e.at("/payload/tables")
                        .valueStream()
                        .anyMatch(
                            t ->
                                t.path("tableId").asString().equals(table.toString())
                                    && t.path("seated").asInt() == 2));
    assertThat(
            listed
                .at("/payload/tables")
                .valueStream()
                .filter(t -> t.path("tableId").asString().equals(table.toString()))
                .findFirst()
                .orElseThrow()
                .path("stakes")
                .asString())
        .isEqualTo("5/10");

    assertThat(rail.request("table.unwatch", on(table)).path("type").asString())
        .isEqualTo("table.unwatched");
  }

  @Test
  void badTableInputGetsItsOwnErrorCodeAndTheSocketStaysOpen() {
    UUID table = openTable("Errors " + UUID.randomUUID());
    WsStack.Player alice = node.newPlayer("Alicia");
    WsStack.Player bob = node.newPlayer("Roberto");
    WsClient a = watch(connect(alice), table);
    WsClient b = connect(bob);

    // Unknown table, for a watch, a seat and an action.
    UUID nowhere = UUID.randomUUID();
    assertThat(code(a.request("table.watch", on(nowhere)))).isEqualTo("UNKNOWN_TABLE");
    assertThat(code(a.request("table.sit", on(nowhere, "seat", 0, "buyIn", 500))))
        .isEqualTo("UNKNOWN_TABLE");
    assertThat(code(a.request("table.act", on(nowhere, "seat", 0, "action", "fold"))))
        .isEqualTo("UNKNOWN_TABLE");

    // Malformed and invalid payloads never reach the table.
    assertThat(code(a.request("table.watch", Map.of()))).isEqualTo("MALFORMED_MESSAGE");
    assertThat(code(a.request("table.watch", Map.of("tableId", "nope"))))
        .isEqualTo("VALIDATION_FAILED");
    assertThat(code(a.request("table.sit", on(table, "buyIn", 500))))
        .isEqualTo("MALFORMED_MESSAGE");
    assertThat(code(a.request("table.sit", on(table, "seat", 12, "buyIn", 500))))
        .isEqualTo("VALIDATION_FAILED");
    assertThat(code(a.request("table.sit", on(table, "seat", 0, "buyIn", -5))))
        .isEqualTo("INVALID_AMOUNT");
    assertThat(code(a.request("table.sit", on(table, "seat", 0, "buyIn", "500"))))
        .isEqualTo("INVALID_AMOUNT");
    assertThat(code(a.request("table.sit", on(table, "seat", 0, "buyIn", 5_000))))
        .isEqualTo("BUY_IN_OUT_OF_RANGE");
    assertThat(code(a.request("table.act", on(table, "seat", 0, "action", "dance"))))
        .isEqualTo("VALIDATION_FAILED");
    assertThat(code(a.request("table.act", on(table, "seat", 0, "action", "raise"))))
        .isEqualTo("MALFORMED_MESSAGE");

    // A seat that is taken; a player who already sits.
    assertThat(code(a.request("table.sit", on(table, "seat", 0, "buyIn", 500)))).isEmpty();
    assertThat(code(b.request("table.sit", on(table, "seat", 0, "buyIn", 500))))
        .isEqualTo("SEAT_TAKEN");
    assertThat(code(a.request("table.sit", on(table, "seat", 1, "buyIn", 500))))
        .isEqualTo("ALREADY_SEATED");
    assertThat(code(b.request("table.sit", on(table, "seat", 1, "buyIn", 500)))).isEmpty();
    assertThat(stack.wallet.balance(bob.userId())).isEqualTo(100_000 - 500);

    JsonNode v = awaitView(a, table, x -> !x.path("hand").isNull());
    int toAct = v.at("/hand/toAct").asInt();
    int waiting = 1 - toAct;
    WsClient actor = toAct == 0 ? a : b;
    WsClient idle = toAct == 0 ? b : a;

    // Out of turn, for another seat, and amounts the hand does not allow.
    assertThat(code(idle.request("table.act", on(table, "seat", waiting, "action", "check"))))
        .isEqualTo("NOT_YOUR_TURN");
    assertThat(code(idle.request("table.act", on(table, "seat", toAct, "action", "fold"))))
        .isEqualTo("NOT_YOUR_SEAT");
    assertThat(code(idle.request("table.leave", on(table, "seat", toAct))))
        .isEqualTo("NOT_YOUR_SEAT");
    assertThat(code(actor.request("table.act", on(table, "seat", toAct, "action", "check"))))
        .isEqualTo("ILLEGAL_ACTION");
    assertThat(
            code(
                actor.request(
                    "table.act", on(table, "seat", toAct, "action", "bet", "amount", 50))))
        .isEqualTo("ILLEGAL_ACTION");
    assertThat(
            code(
                actor.request(
                    "table.act", on(table, "seat", toAct, "action", "raise", "amount", 15))))
        .isEqualTo("RAISE_TOO_SMALL");
    assertThat(
            code(
                actor.request(
                    "table.act", on(table, "seat", toAct, "action", "raise", "amount", 90_000))))
        .isEqualTo("AMOUNT_ABOVE_STACK");
    assertThat(
            code(
                actor.request(
                    "table.act", on(table, "seat", toAct, "action", "raise", "amount", 1.5))))
        .isEqualTo("INVALID_AMOUNT");
    assertThat(
            code(
                actor.request(
                    "table.act", on(table, "seat", toAct, "action", "raise", "amount", "lots"))))
        .isEqualTo("INVALID_AMOUNT");
    assertThat(code(actor.request("table.sitIn", on(table, "seat", toAct))))
        .isEqualTo("ILLEGAL_ACTION");

    // The same id again answers the first answer and acts once; with another payload it is refused.
    JsonNode raised =
        actor.request(
            "r-1", "table.act", on(table, "seat", toAct, "action", "raise", "amount", 30));
    assertThat(raised.path("type").asString()).isEqualTo("table.ack");
    JsonNode again =
        actor.request(
            "r-1", "table.act", on(table, "seat", toAct, "action", "raise", "amount", 30));
    assertThat(again.get("payload")).isEqualTo(raised.get("payload"));
    assertThat(
            code(
                actor.request(
                    "r-1", "table.act", on(table, "seat", toAct, "action", "raise", "amount", 40))))
        .isEqualTo("DUPLICATE_REQUEST");
    assertThat(tables.view(table, null).hand().currentBet()).isEqualTo(30);

    // None of it closed a socket.
    for (WsClient c : List.of(a, b)) {
      assertThat(c.request("ping", Map.of()).path("type").asString()).isEqualTo("pong");
      assertThat(c.isClosed()).isFalse();
    }
  }

  private static java.util.stream.Stream<JsonNode> stream(JsonNode array) {
    return java.util.stream.StreamSupport.stream(array.spliterator(), false);
  }

  private static WsClient watch(WsClient c, UUID table) {
    assertThat(c.request("table.watch", on(table)).path("type").asString()).isEqualTo("table.view");
    return c;
  }
}
