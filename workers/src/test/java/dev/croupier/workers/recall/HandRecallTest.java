package dev.croupier.workers.recall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import dev.croupier.activities.game.SeedActivitiesImpl;
import dev.croupier.activities.table.HoleCardSealer;
import dev.croupier.client.CallSettings;
import dev.croupier.client.tables.GameTables;
import dev.croupier.client.testing.PokerTableClient;
import dev.croupier.errors.CroupierException;
import dev.croupier.errors.ErrorCode;
import dev.croupier.games.api.GameRegistry;
import dev.croupier.games.poker.Action;
import dev.croupier.games.poker.TableConfig;
import dev.croupier.games.poker.TableView;
import dev.croupier.gamestore.tables.TableEventLog;
import dev.croupier.testsupport.PostgresDatabase;
import dev.croupier.testsupport.PostgresExtension;
import dev.croupier.wallet.testing.TestWallet;
import dev.croupier.workers.table.TableWorker;
import dev.croupier.workflows.table.TableOptions;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Hand recall on a real table: two players call every hand down on the table workflow (in-process
 * test server), with the real wallet posting each rake and the real outbox keeping the events; the
 * table continues as new every 3 hands, so hands 1 to 3 are dealt by a revealed epoch and hand 4 by
 * a running one. Recall goes through the installed games ({@code GameRegistry} from the class
 * path), never naming poker.
 */
@ExtendWith(PostgresExtension.class)
// A broken invariant fails the table's workflow task, which Temporal retries forever: end the hang.
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class HandRecallTest {
  private static final String QUEUE = "hand-recall";
  // Blinds 5/10, buy-ins 100-1000, 5% rake capped at 30.
  private static final TableConfig CONFIG = new TableConfig("COIN", 2, 5, 10, 100, 1_000, 500, 30);

  @Test
  @SuppressWarnings("unchecked")
  void everyHandIsRecalledFromItsRecordsAndATamperedEventIsNamed(PostgresDatabase db)
      throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    HoleCardSealer sealer = new HoleCardSealer(generator.generateKeyPair().getPublic());
    try (TestWallet wallet = TestWallet.start(db);
        HikariDataSource ds = db.dataSource(4);
        TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance()) {
      env.registerSearchAttribute("CroupierGameId", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);
      DSLContext dsl = DSL.using(ds, SQLDialect.POSTGRES);
      Worker worker = env.newWorker(QUEUE);
      worker.registerActivitiesImplementations(new SeedActivitiesImpl(new SecureRandom()));
      TableWorker.register(
          worker,
          wallet.stub(),
          Duration.ofSeconds(5),
          dsl,
          sealer,
          "table.events",
          "lobby.tables");
      env.start();
      PokerTableClient tables =
          new PokerTableClient(
              new GameTables(
                  env.getWorkflowClient(),
                  new CallSettings(QUEUE, Duration.ofSeconds(10), Duration.ofSeconds(60))));
      UUID tableId = UUID.randomUUID();
      tables.open(
          tableId,
          "recall",
          CONFIG,
          TableOptions.DEFAULTS
              .withHandPause(Duration.ZERO)
              .withActionTimeout(Duration.ofMinutes(10))
              .withHandsPerRun(3));
      List<String> players = List.of(UUID.randomUUID().toString(), UUID.randomUUID().toString());
      for (int s = 0; s < 2; s++) {
        wallet.grant(UUID.fromString(players.get(s)), 10_000);
        tables.sit(tableId, players.get(s), "sit-" + s, s, 1_000);
      }
      int requests = 0;
      while (true) {
        TableView v = tables.view(tableId, null);
        if (v.hand() == null) {
          continue;
        }
        if (v.hand().number() > 4) {
          break;
        }
        int seat = v.hand().toAct();
        long streetBet =
            v.hand().players().stream()
                .filter(p -> p.seat() == seat)
                .findFirst()
                .orElseThrow()
                .streetBet();
        Action action = streetBet == v.hand().currentBet() ? new Action.Check() : new Action.Call();
        tables.act(tableId, players.get(seat), "act-" + ++requests, seat, action);
      }

      SimpleMeterRegistry meters = new SimpleMeterRegistry();
      HandRecall recall =
          new HandRecall(
              new TableEventLog(dsl, "table.events"),
              env.getWorkflowClient(),
              wallet.stub(),
              GameRegistry.load(HandRecallTest.class.getClassLoader()),
              meters);

      // Four hands ended, the fifth running: each recalled, in order, every check passing.
      HandRecall.Page all = recall.hands(tableId, null, null, HandRecall.MAX_LIMIT);
      assertThat(all.truncated()).isFalse();
      assertThat(all.hands()).extracting(HandRecallTest::number).startsWith(1L, 2L, 3L, 4L);
      for (Map<String, Object> hand : all.hands().subList(0, 4)) {
        assertThat(hand.get("consistent"))
            .as("hand %s: %s", number(hand), hand.get("checks"))
            .isEqualTo(true);
        assertThat(verdicts(hand))
            .containsEntry("history.actions", "PASS")
            .containsEntry("ledger.rake", "PASS")
            .containsEntry("chips.pots", "PASS");
        // Called down heads-up: a showdown pot of 20 at least, raked 5%, posted to the house.
        Map<String, Object> rake = (Map<String, Object>) hand.get("rake");
        assertThat(((Number) rake.get("recorded")).longValue()).isPositive();
        assertThat(rake.get("posted")).isEqualTo(rake.get("recorded"));
        List<Map<String, Object>> ledger =
            (List<Map<String, Object>>) hand.get("ledgerTransactions");
        assertThat(ledger)
            .singleElement()
            .satisfies(
                t ->
                    assertThat(t.get("idempotencyKey"))
                        .isEqualTo(
                            "table-" + tableId + "/hand-" + hand.get("handNumber") + "/rake"));
        long sum = 0;
        for (Map<String, Object> e : (List<Map<String, Object>>) ledger.get(0).get("entries")) {
          sum += ((Number) e.get("amount")).longValue();
        }
        assertThat(sum).isZero();
        assertThat(Instant.parse((String) hand.get("startedAt"))).isBefore(Instant.now());
      }
      // Hands 1-3: their epoch ended, so the deck is proven from the revealed seed.
      for (Map<String, Object> hand : all.hands().subList(0, 3)) {
        Map<String, Object> deck = (Map<String, Object>) hand.get("deck");
        assertThat(deck.get("serverSeed")).isNotNull();
        assertThat(verdicts(hand))
            .containsEntry("rng.commitment", "PASS")
            .containsEntry("deck.board", "PASS");
      }
      // Hand 4: its epoch runs; the seed is not shown and its checks wait for it.
      Map<String, Object> fourth = all.hands().get(3);
      assertThat(((Map<String, Object>) fourth.get("deck")).get("serverSeed")).isNull();
      assertThat(verdicts(fourth)).containsEntry("rng.commitment", "SKIPPED");

      // Paging: at most the limit, truncated; a later 'from' gives the rest.
      HandRecall.Page first = recall.hands(tableId, null, null, 2);
      assertThat(first.truncated()).isTrue();
      assertThat(first.hands()).extracting(HandRecallTest::number).containsExactly(1L, 2L);
      assertThat(recall.hand(tableId, 2)).isEqualTo(first.hands().get(1));
      Instant third = Instant.parse((String) all.hands().get(2).get("startedAt"));
      assertThat(recall.hands(tableId, third, null, 500).hands())
          .extracting(HandRecallTest::number)
          .startsWith(3L, 4L);
      assertThat(recall.hands(tableId, null, third, 500).hands())
          .extracting(HandRecallTest::number)
          .doesNotContain(3L, 4L);

      // Unknown table and hand: named, never a partial answer.
      assertThatThrownBy(() -> recall.hand(tableId, 99))
          .isInstanceOfSatisfying(
              CroupierException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_HAND));
      assertThatThrownBy(() -> recall.hand(tableId, 0))
          .isInstanceOfSatisfying(
              CroupierException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_HAND));
      assertThatThrownBy(() -> recall.hands(UUID.randomUUID(), null, null, 10))
          .isInstanceOfSatisfying(
              CroupierException.class,
              e -> assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_TABLE));

      // A tampered record: the event log says hand 2 raked one chip more than the ledger holds.
      try (Connection c = ds.getConnection();
          Statement st = c.createStatement()) {
        st.executeUpdate(
            "update game.table_event_outbox set payload = jsonb_set(payload::jsonb,"
                + " '{event,rake}', to_jsonb((payload::jsonb->'event'->>'rake')::bigint + 1))::text"
                + " where table_id = '"
                + tableId
                + "' and type = 'handEnded' and hand_number = 2");
      }
      Map<String, Object> tampered = recall.hand(tableId, 2);
      assertThat(tampered.get("consistent")).isEqualTo(false);
      assertThat(verdicts(tampered)).containsEntry("ledger.rake", "FAIL");
      assertThat(meters.counter("croupier.game.evidence.hands", "outcome", "inconsistent").count())
          .isEqualTo(1);
      assertThat(meters.counter("croupier.game.evidence.hands", "outcome", "unknown_hand").count())
          .isEqualTo(2);

      // Unreadable records: hand 3's end is no JSON, one of hand 4's events is JSON of no event's
      // shape. Each hand is answered, inconsistent, naming the event; the others are untouched.
      try (Connection c = ds.getConnection();
          Statement st = c.createStatement()) {
        st.executeUpdate(
            "update game.table_event_outbox set payload = 'not json {' where table_id = '"
                + tableId
                + "' and type = 'handEnded' and hand_number = 3");
        st.executeUpdate(
            "update game.table_event_outbox set payload = '{\"event\": 42}' where id = (select"
                + " min(id) from game.table_event_outbox where table_id = '"
                + tableId
                + "' and type = 'boardDealt' and hand_number = 4)");
      }
      for (long n : List.of(3L, 4L)) {
        Map<String, Object> unreadable = recall.hand(tableId, n);
        assertThat(unreadable.get("consistent")).as("hand %s", n).isEqualTo(false);
        assertThat(verdicts(unreadable)).containsEntry(HandRecall.EVENTS_READ, "FAIL");
        assertThat(unreadable.get("checks").toString()).contains("cannot be read");
      }
      assertThat(recall.hands(tableId, null, null, HandRecall.MAX_LIMIT).hands())
          .extracting(HandRecallTest::number)
          .startsWith(1L, 2L, 3L, 4L);
      assertThat(recall.hand(tableId, 1).get("consistent")).isEqualTo(true);
    }
  }

  private static long number(Map<String, Object> hand) {
    return ((Number) hand.get("handNumber")).longValue();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, String> verdicts(Map<String, Object> hand) {
    Map<String, String> out = new LinkedHashMap<>();
    for (Map<String, Object> c : (List<Map<String, Object>>) hand.get("checks")) {
      out.put((String) c.get("name"), (String) c.get("verdict"));
    }
    return out;
  }
}
