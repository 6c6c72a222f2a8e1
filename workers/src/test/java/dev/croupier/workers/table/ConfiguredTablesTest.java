package dev.croupier.workers.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.croupier.devstack.Ports;
import dev.croupier.devstack.TemporalServer;
import dev.croupier.testsupport.PostgresDatabase;
import dev.croupier.testsupport.PostgresExtension;
import dev.croupier.testsupport.TemporalServerExtension;
import dev.croupier.wallet.testing.TestWallet;
import dev.croupier.workers.WorkerProcess;
import dev.croupier.workers.WorkersApplication;
import dev.croupier.workflows.table.PokerTables;
import dev.croupier.workflows.table.TableStatus;
import dev.croupier.workflows.table.TableSummary;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The workers app opens {@code croupier.poker.tables} when it starts, under ids derived from the
 * names, and a second opener (another worker, or the next start) leaves them as they are.
 */
@ExtendWith({PostgresExtension.class, TemporalServerExtension.class})
class ConfiguredTablesTest {

  @Test
  void theConfiguredTablesOpenAtStartAndOpeningThemAgainChangesNothing(
      PostgresDatabase db, TemporalServer temporal) throws Exception {
    // Names of their own: the Temporal server outlives this test, and ids come from names.
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    String sixMax = "Emerald " + suffix;
    String headsUp = "Ruby " + suffix;
    try (TestWallet wallet = TestWallet.start(db);
        ConfigurableApplicationContext app =
            new SpringApplicationBuilder(WorkersApplication.class)
                .run(
                    "--spring.datasource.url=" + db.url(),
                    "--spring.datasource.username=" + db.user(),
                    "--spring.datasource.password=" + db.password(),
                    "--server.port=" + Ports.freePort(),
                    "--croupier.temporal.target=" + temporal.target(),
                    "--croupier.temporal.task-queue=configured-tables-test",
                    "--croupier.wallet.target=" + wallet.target(),
                    "--croupier.wallet.service-token-key=" + wallet.serviceTokenKey(),
                    "--croupier.seeds.sealing-keys=" + WorkerProcess.SEED_SEALING_KEYS,
                    "--croupier.realtime.enabled=false",
                    "--croupier.poker.relay.enabled=false",
                    "--croupier.poker.tables[0].name=" + sixMax,
                    "--croupier.poker.tables[0].seats=6",
                    "--croupier.poker.tables[0].small-blind=5",
                    "--croupier.poker.tables[0].big-blind=10",
                    "--croupier.poker.tables[0].min-buy-in=200",
                    "--croupier.poker.tables[0].max-buy-in=1000",
                    "--croupier.poker.tables[0].rake-bps=250",
                    "--croupier.poker.tables[0].rake-cap=20",
                    "--croupier.poker.tables[1].name=" + headsUp,
                    "--croupier.poker.tables[1].seats=2",
                    "--croupier.poker.tables[1].small-blind=1",
                    "--croupier.poker.tables[1].big-blind=2",
                    "--croupier.poker.tables[1].min-buy-in=40",
                    "--croupier.poker.tables[1].max-buy-in=200",
                    "--croupier.poker.tables[1].action-timeout=20s")) {
      PokerTables tables = app.getBean(PokerTables.class);
      List<PokerProperties.TableSpec> specs = app.getBean(PokerProperties.class).tables();
      assertThat(specs)
          .extracting(PokerProperties.TableSpec::name)
          .containsExactly(sixMax, headsUp);
      UUID sixMaxId = specs.get(0).tableId();
      UUID headsUpId = specs.get(1).tableId();
      assertThat(sixMaxId).isNotEqualTo(headsUpId);
      assertThat(specs.get(1).options().actionTimeout()).isEqualTo(Duration.ofSeconds(20));
      assertThat(specs.get(0).options().actionTimeout()).isEqualTo(Duration.ofSeconds(30));

      await()
          .atMost(Duration.ofSeconds(60))
          .ignoreExceptions()
          .until(() -> tables.status(headsUpId).commitment() != null);
      await()
          .atMost(Duration.ofSeconds(60))
          .ignoreExceptions()
          .until(() -> tables.status(sixMaxId).commitment() != null);
      TableSummary six = tables.summary(sixMaxId);
      assertThat(six.name()).isEqualTo(sixMax);
      assertThat(six.stakes()).isEqualTo("5/10");
      assertThat(six.seats()).isEqualTo(6);
      assertThat(six.minBuyIn()).isEqualTo(200);
      assertThat(six.maxBuyIn()).isEqualTo(1000);
      assertThat(tables.summary(headsUpId).stakes()).isEqualTo("1/2");
      TableStatus before = tables.status(sixMaxId);

      // Another worker starting with the same list: the same ids, nothing opened twice.
      new ConfiguredTables(tables, specs).openAll();
      TableStatus after = tables.status(sixMaxId);
      assertThat(after.run()).isEqualTo(1);
      assertThat(after.commitment()).isEqualTo(before.commitment());
      assertThat(after.eventSeq()).isEqualTo(before.eventSeq());
    }
  }

  @Test
  void aTableWhoseStakesMakeNoTableStopsTheStart() {
    PokerProperties.TableSpec bad =
        new PokerProperties.TableSpec(
            "Upside down",
            6,
            10,
            5,
            200,
            1000,
            "COIN",
            0,
            0,
            Duration.ofSeconds(30),
            Duration.ofSeconds(2),
            null);
    assertThatThrownBy(() -> new ConfiguredTables(null, List.of(bad)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Upside down");
    PokerProperties.TableSpec a =
        new PokerProperties.TableSpec(
            "Twin", 2, 1, 2, 40, 200, "COIN", 0, 0, Duration.ofSeconds(30), Duration.ZERO, null);
    assertThatThrownBy(() -> new ConfiguredTables(null, List.of(a, a)))
        .hasMessageContaining("one id");
  }
}
