package dev.croupier.workers.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariDataSource;
import dev.croupier.activities.compliance.ComplianceActivitiesImpl;
import dev.croupier.activities.game.SeedActivitiesImpl;
import dev.croupier.activities.table.HoleCardSealer;
import dev.croupier.activities.table.TableLedgerActivitiesImpl;
import dev.croupier.api.wallet.v1.AccountType;
import dev.croupier.client.CallSettings;
import dev.croupier.client.tables.GameTables;
import dev.croupier.client.testing.PokerTableClient;
import dev.croupier.devstack.KafkaBroker;
import dev.croupier.devstack.TemporalServer;
import dev.croupier.errors.CroupierException;
import dev.croupier.errors.ErrorCode;
import dev.croupier.games.poker.Action;
import dev.croupier.games.poker.TableConfig;
import dev.croupier.games.poker.TableView;
import dev.croupier.gamestore.tables.TableEventOutbox;
import dev.croupier.outbox.OutboxRelay;
import dev.croupier.testsupport.KafkaExtension;
import dev.croupier.testsupport.KafkaTopics;
import dev.croupier.testsupport.PostgresDatabase;
import dev.croupier.testsupport.PostgresExtension;
import dev.croupier.testsupport.TemporalServerExtension;
import dev.croupier.wallet.testing.TestWallet;
import dev.croupier.workflows.session.ComplianceAlert;
import dev.croupier.workflows.session.ReviewResolution;
import dev.croupier.workflows.table.TableAccounts;
import dev.croupier.workflows.table.TableOptions;
import dev.croupier.workflows.table.TableStatus;
import dev.croupier.workflows.table.TableTransfer;
import dev.croupier.workflows.table.TableWorkflow;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A deliberately inconsistent ledger row at a real table, on a real Temporal server with the real
 * wallet, outbox relay and Kafka broker: hand 1's rake key is taken, before the hand ends, by a
 * transfer of another amount (500 into the escrow from a third account). When hand 1 ends, the
 * table's rake post meets it ({@code IDEMPOTENCY_CONFLICT}): the table raises the alert with both
 * versions, counts it once, finishes the hand and then holds, dealing no hand 2 and refusing moves
 * and buy-ins ({@code TABLE_UNDER_REVIEW}) while a player can still leave with their stack, until
 * the resolution's signal; then it deals again.
 */
@ExtendWith({PostgresExtension.class, TemporalServerExtension.class, KafkaExtension.class})
// A table stuck on a failed workflow task would hang: end it.
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class MismatchHoldsTableTest {
  // Blinds 5/10, buy-ins 100-1000, 5% rake capped at 30.
  static final TableConfig CONFIG = new TableConfig("COIN", 3, 5, 10, 100, 1_000, 500, 30);
  static final long GRANT = 10_000;
  static final long BUY_IN = 1_000;
  static final long ROGUE = 500;

  @Test
  void aHandWhoseRakeKeyHoldsAnotherPostHoldsTheTableUntilComplianceResolvesIt(
      PostgresDatabase db, TemporalServer temporal, KafkaBroker kafka) throws Exception {
    String queue = "table-mismatch-" + UUID.randomUUID();
    String topic = KafkaTopics.create(kafka.bootstrapServers(), "compliance.alerts", 3);
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    HoleCardSealer sealer = new HoleCardSealer(generator.generateKeyPair().getPublic());
    WorkflowServiceStubs service =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget(temporal.target()).build());
    WorkerFactory factory = null;
    try (TestWallet wallet = TestWallet.start(db);
        HikariDataSource ds = db.dataSource(6);
        OutboxRelay relay =
            new OutboxRelay(
                ds,
                new TableEventOutbox(DSL.using(ds, SQLDialect.POSTGRES)),
                new OutboxRelay.Settings(
                    "table-outbox",
                    kafka.bootstrapServers(),
                    50,
                    Duration.ofMillis(50),
                    Duration.ofSeconds(30)));
        KafkaTopics.JsonReader alerts =
            new KafkaTopics.JsonReader(kafka.bootstrapServers(), topic)) {
      relay.start();
      WorkflowClient client =
          WorkflowClient.newInstance(
              service,
              WorkflowClientOptions.newBuilder()
                  .setNamespace(temporal.settings().namespace())
                  .build());
      DSLContext dsl = DSL.using(ds, SQLDialect.POSTGRES);
      factory = WorkerFactory.newInstance(client);
      Worker worker = factory.newWorker(queue);
      // As the workers app has them: the session worker registers seeds and compliance.
      worker.registerActivitiesImplementations(
          new SeedActivitiesImpl(new SecureRandom()),
          new ComplianceActivitiesImpl(
              new TableEventOutbox(dsl), new ObjectMapper(), meters, topic));
      TableWorker.register(
          worker,
          wallet.stub(),
          Duration.ofSeconds(5),
          dsl,
          sealer,
          "table.events",
          "lobby.tables",
          meters);
      factory.start();
      PokerTableClient tables =
          new PokerTableClient(
              new GameTables(
                  client, new CallSettings(queue, Duration.ofSeconds(10), Duration.ofSeconds(60))));

      UUID tableId = UUID.randomUUID();
      tables.open(
          tableId,
          "mismatch",
          CONFIG,
          TableOptions.DEFAULTS
              .withHandPause(Duration.ZERO)
              .withActionTimeout(Duration.ofMinutes(10))
              // One hand a run: the held table continues as new, and the hold must go with it.
              .withHandsPerRun(1));

      // The inconsistent row: hand 1's rake key, taken by 500 moved into the escrow.
      TableLedgerActivitiesImpl ledger =
          new TableLedgerActivitiesImpl(wallet.stub(), Duration.ofSeconds(5));
      TableAccounts accounts = ledger.openTable(tableId, "COIN");
      UUID ghost = UUID.randomUUID();
      wallet.grant(ghost, GRANT);
      String key = "table-" + tableId + "/hand-1/rake";
      ledger.post(
          new TableTransfer(
              key,
              TableTransfer.Kind.BUY_IN,
              tableId,
              accounts.escrow(),
              "COIN",
              ghost.toString(),
              -1,
              1,
              ROGUE));
      long rogue = ledger.find(key, accounts.escrow()).transactionId();

      List<String> players = List.of(player(wallet), player(wallet), player(wallet));
      for (int s = 0; s < 3; s++) {
        tables.sit(tableId, players.get(s), "sit-" + s, s, BUY_IN);
      }
      // Hand 1, checked and called down.
      int requests = 0;
      while (true) {
        TableStatus status = tables.status(tableId);
        if (status.underReview() != null) {
          break;
        }
        TableView v = tables.view(tableId, null);
        if (v.hand() == null) {
          continue;
        }
        assertThat(v.hand().number()).as("no hand after the first while held").isEqualTo(1);
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

      // Held: hand 1 ended, no hand 2, the count kept, the table alive.
      String alertId = ComplianceAlert.idOfHand(tableId, 1);
      TableStatus held = tables.status(tableId);
      assertThat(held.underReview()).isEqualTo(alertId);
      assertThat(held.handNumber()).isEqualTo(1);
      // Continued as new after hand 1, still held.
      TableStatus carried =
          await()
              .atMost(Duration.ofSeconds(30))
              .until(() -> tables.status(tableId), s -> s.run() == 2);
      assertThat(carried.underReview()).isEqualTo(alertId);
      assertThat(carried.handRunning()).isFalse();
      assertThat(held.handRunning()).isFalse();
      assertThat(held.totalRake()).isPositive();
      assertThat(held.escrowBalance()).isEqualTo(held.chipsInPlay());
      assertThat(held.closed()).isFalse();
      assertThatThrownBy(() -> tables.act(tableId, players.get(0), "held-1", 0, new Action.Check()))
          .isInstanceOfSatisfying(
              CroupierException.class,
              e -> assertThat(e.code()).isEqualTo(ErrorCode.TABLE_UNDER_REVIEW));
      String late = player(wallet);
      assertThatThrownBy(() -> tables.sit(tableId, late, "held-sit", 0, BUY_IN))
          .isInstanceOfSatisfying(
              CroupierException.class,
              e -> assertThat(e.code()).isEqualTo(ErrorCode.TABLE_UNDER_REVIEW));
      assertThat(wallet.balance(late, AccountType.PLAYER)).isEqualTo(GRANT);
      assertThatThrownBy(() -> tables.sitIn(tableId, players.get(1), "held-2", 1))
          .isInstanceOfSatisfying(
              CroupierException.class,
              e -> assertThat(e.code()).isEqualTo(ErrorCode.TABLE_UNDER_REVIEW));

      // The alert, once on the topic, with both versions: the ledger's 500 into the escrow, the
      // table's rake out of it.
      List<ConsumerRecord<String, String>> read =
          await().atMost(Duration.ofSeconds(30)).until(alerts::poll, r -> !r.isEmpty());
      assertThat(read).hasSize(1);
      JsonNode alert = new ObjectMapper().readTree(read.getFirst().value());
      assertThat(alert.get("alertId").asText()).isEqualTo(alertId);
      assertThat(alert.get("kind").asText()).isEqualTo(ComplianceAlert.HAND_LEDGER_MISMATCH);
      assertThat(alert.get("tableId").asText()).isEqualTo(tableId.toString());
      assertThat(alert.get("idempotencyKey").asText()).isEqualTo(key);
      assertThat(alert.get("round").asLong()).isEqualTo(1);
      assertThat(alert.at("/ledger/transactionId").asLong()).isEqualTo(rogue);
      assertThat(alert.at("/ledger/win").asLong()).isEqualTo(-ROGUE);
      assertThat(alert.at("/ledger/outcome/kind").asText()).isEqualTo("BUY_IN");
      assertThat(alert.at("/replayed/win").asLong()).isEqualTo(held.totalRake());
      assertThat(alert.at("/replayed/outcome/kind").asText()).isEqualTo("RAKE");
      assertThat(meters.counter(ComplianceActivitiesImpl.ALERTS, "kind", "HAND_LEDGER_MISMATCH"))
          .satisfies(c -> assertThat(c.count()).isEqualTo(1.0));

      // Leaving still works while held: the stack goes back to the player's account.
      long stack = tables.view(tableId, players.get(2)).seats().get(2).stack();
      assertThat(stack).isPositive();
      tables.leave(tableId, players.get(2), "leave-2", 2);
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () -> wallet.balance(players.get(2), AccountType.PLAYER),
              b -> b == GRANT - BUY_IN + stack);

      TableWorkflow workflow = client.newWorkflowStub(TableWorkflow.class, "table-" + tableId);
      // Resolving another alert changes nothing.
      workflow.resolveReview(
          new ReviewResolution(ComplianceAlert.idOfHand(tableId, 7), "compliance@test", "x"));
      assertThat(tables.status(tableId).underReview()).isEqualTo(alertId);
      assertThatThrownBy(() -> tables.act(tableId, players.get(0), "held-3", 0, new Action.Check()))
          .isInstanceOfSatisfying(
              CroupierException.class,
              e -> assertThat(e.code()).isEqualTo(ErrorCode.TABLE_UNDER_REVIEW));

      workflow.resolveReview(new ReviewResolution(alertId, "compliance@test", "ledger checked"));
      TableStatus dealing =
          await()
              .atMost(Duration.ofSeconds(30))
              .until(() -> tables.status(tableId), s -> s.handRunning() && s.handNumber() == 2);
      assertThat(dealing.underReview()).isNull();
      assertThat(dealing.run()).isEqualTo(2);
      assertThat(alerts.poll()).hasSize(1);
      assertThat(meters.counter(ComplianceActivitiesImpl.ALERTS, "kind", "HAND_LEDGER_MISMATCH"))
          .satisfies(c -> assertThat(c.count()).isEqualTo(1.0));
      client.newUntypedWorkflowStub("table-" + tableId).terminate("test done");
    } finally {
      if (factory != null) {
        factory.shutdownNow();
        factory.awaitTermination(10, TimeUnit.SECONDS);
      }
      service.shutdownNow();
    }
  }

  private static String player(TestWallet wallet) {
    UUID player = UUID.randomUUID();
    wallet.grant(player, GRANT);
    return player.toString();
  }
}
