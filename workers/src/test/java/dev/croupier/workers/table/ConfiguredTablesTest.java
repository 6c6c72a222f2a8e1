package dev.croupier.workers.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.croupier.client.tables.GameTables;
import dev.croupier.devstack.Ports;
import dev.croupier.devstack.TemporalServer;
import dev.croupier.games.api.GameRegistry;
import dev.croupier.testsupport.PostgresDatabase;
import dev.croupier.testsupport.PostgresExtension;
import dev.croupier.testsupport.TemporalServerExtension;
import dev.croupier.wallet.testing.TestWallet;
import dev.croupier.workers.WorkerProcess;
import dev.croupier.workers.WorkersApplication;
import dev.croupier.workflows.table.TableStatus;
import dev.croupier.workflows.table.TableSummary;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The workers app opens {@code croupier.tables.configured} when it starts, under ids derived from
 * the names, and a second opener (another worker, or the next start) leaves them as they are.
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
                    "--spring.datasource.username=croupier_game",
                    "--spring.datasource.password=" + db.password(),
                    "--server.port=" + Ports.freePort(),
                    "--management.server.port=0",
                    "--croupier.temporal.target=" + temporal.target(),
                    "--croupier.temporal.task-queue=configured-tables-test",
                    "--croupier.wallet.target=" + wallet.target(),
                    "--croupier.wallet.tls.certificate=" + wallet.tls("workers").certificate(),
                    "--croupier.wallet.tls.private-key=" + wallet.tls("workers").privateKey(),
                    "--croupier.wallet.tls.trusted-ca=" + wallet.tls("workers").trustedCa(),
                    "--croupier.seeds.sealing-keys=" + WorkerProcess.SEED_SEALING_KEYS,
                    "--croupier.tables.relay.enabled=false",
                    "--croupier.tables.configured[0].name=" + sixMax,
                    "--croupier.tables.configured[0].game=poker-nlhe@1.0.0",
                    "--croupier.tables.configured[0].rules.seatCount=6",
                    "--croupier.tables.configured[0].rules.smallBlind=5",
                    "--croupier.tables.configured[0].rules.bigBlind=10",
                    "--croupier.tables.configured[0].rules.minBuyIn=200",
                    "--croupier.tables.configured[0].rules.maxBuyIn=1000",
                    "--croupier.tables.configured[0].rules.rakeBps=250",
                    "--croupier.tables.configured[0].rules.rakeCap=20",
                    "--croupier.tables.configured[0].rules.currency=COIN",
                    "--croupier.tables.configured[1].name=" + headsUp,
                    "--croupier.tables.configured[1].game=poker-nlhe@1.0.0",
                    "--croupier.tables.configured[1].rules.seatCount=2",
                    "--croupier.tables.configured[1].rules.smallBlind=1",
                    "--croupier.tables.configured[1].rules.bigBlind=2",
                    "--croupier.tables.configured[1].rules.minBuyIn=40",
                    "--croupier.tables.configured[1].rules.maxBuyIn=200",
                    "--croupier.tables.configured[1].rules.rakeBps=0",
                    "--croupier.tables.configured[1].rules.rakeCap=0",
                    "--croupier.tables.configured[1].rules.currency=COIN",
                    "--croupier.tables.configured[1].action-timeout=20s")) {
      GameTables tables = app.getBean(GameTables.class);
      List<TableProperties.TableSpec> specs = app.getBean(TableProperties.class).configured();
      assertThat(specs)
          .extracting(TableProperties.TableSpec::name)
          .containsExactly(sixMax, headsUp);
      // Poker tables keep the ids they had before tables named their game.
      assertThat(specs.get(0).tableId())
          .isEqualTo(
              UUID.nameUUIDFromBytes(
                  ("croupier.poker.table/" + sixMax).getBytes(StandardCharsets.UTF_8)));
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
      assertThat(six.game()).isEqualTo("poker-nlhe@1.0.0");
      assertThat(tables.summary(headsUpId).stakes()).isEqualTo("1/2");
      TableStatus before = tables.status(sixMaxId);

      // Another worker starting with the same list: the same ids, nothing opened twice.
      new ConfiguredTables(tables, app.getBean(GameRegistry.class), specs).openAll();
      TableStatus after = tables.status(sixMaxId);
      assertThat(after.run()).isEqualTo(1);
      assertThat(after.commitment()).isEqualTo(before.commitment());
      assertThat(after.eventSeq()).isEqualTo(before.eventSeq());
    }
  }

  @Test
  void aTableWhoseRulesMakeNoTableOrWhoseGameIsNotInstalledStopsTheStart() {
    GameRegistry games = GameRegistry.load(getClass().getClassLoader());
    TableProperties.TableSpec upsideDown =
        spec("Upside down", "poker-nlhe@1.0.0", Map.of("seatCount", 6, "smallBlind", 10));
    assertThatThrownBy(() -> new ConfiguredTables(null, games, List.of(upsideDown)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Upside down")
        .hasMessageContaining("not a poker table");
    TableProperties.TableSpec unknown = spec("Nowhere", "no-such-game@1.0.0", Map.of());
    assertThatThrownBy(() -> new ConfiguredTables(null, games, List.of(unknown)))
        .hasMessageContaining("Nowhere")
        .hasMessageContaining("no game no-such-game");
    TableProperties.TableSpec slot = spec("Slot table", "slot-classic@1.0.0", Map.of());
    assertThatThrownBy(() -> new ConfiguredTables(null, games, List.of(slot)))
        .hasMessageContaining("is not a table game");
    TableProperties.TableSpec twin =
        spec(
            "Twin",
            "poker-nlhe@1.0.0",
            Map.of(
                "currency",
                "COIN",
                "seatCount",
                2,
                "smallBlind",
                1,
                "bigBlind",
                2,
                "minBuyIn",
                40,
                "maxBuyIn",
                200));
    assertThatThrownBy(() -> new ConfiguredTables(null, games, List.of(twin, twin)))
        .hasMessageContaining("one id");
  }

  private static TableProperties.TableSpec spec(
      String name, String game, Map<String, Object> rules) {
    return new TableProperties.TableSpec(
        name, game, rules, Duration.ofSeconds(30), Duration.ofSeconds(2), null);
  }
}
