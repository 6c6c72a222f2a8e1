package dev.croupier.wallet;

import static dev.croupier.wallet.WalletHarness.leg;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.croupier.api.wallet.v1.TransactionKind;
import dev.croupier.devstack.KafkaBroker;
import dev.croupier.devstack.Ports;
import dev.croupier.outbox.OutboxRelay;
import dev.croupier.testsupport.PostgresDatabase;
import dev.croupier.testsupport.PostgresExtension;
import dev.croupier.wallet.outbox.WalletOutbox;
import dev.croupier.wallet.testing.LedgerInvariants;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Kafka goes down in the middle of a load and comes back: posts never stop, and afterwards the
 * topic holds exactly the ledger's entries (none missing, none extra), in order per account (per
 * sub-account for the sharded house).
 */
@ExtendWith(PostgresExtension.class)
class KafkaOutageTest {

  @Test
  void brokerOutageMidLoadLosesNothingAndKeepsPerAccountOrder(PostgresDatabase db)
      throws Exception {
    Path dir = Files.createTempDirectory("croupier-kafka-outage-");
    int port = Ports.freePort();
    KafkaBroker broker = KafkaBroker.start(Ports.LOOPBACK, port, dir, dir.resolve("kafka.log"));
    AtomicBoolean loading = new AtomicBoolean(true);
    AtomicLong posted = new AtomicLong();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try (WalletHarness w = WalletHarness.start(db);
        OutboxRelay relay =
            new OutboxRelay(
                w.dataSource,
                new WalletOutbox("wallet.entries"),
                new OutboxRelay.Settings(
                    "wallet-outbox",
                    broker.bootstrapServers(),
                    200,
                    Duration.ofMillis(20),
                    Duration.ofMinutes(2)))) {
      w.engine.onCommit(relay::wakeUp);
      relay.start();
      long house = w.house("COIN");
      List<Long> players = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        players.add(w.fundedPlayer(100_000));
      }
      List<Future<?>> load = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        int thread = t;
        load.add(
            pool.submit(
                () -> {
                  SplittableRandom rnd = new SplittableRandom(thread);
                  for (int i = 0; loading.get(); i++) {
                    long p = players.get(rnd.nextInt(players.size()));
                    long win = rnd.nextBoolean() ? 20 : 0;
                    w.post(
                        "out-" + thread + "-" + i,
                        TransactionKind.BET_AND_WIN,
                        leg(p, win - 10),
                        leg(house, 10 - win));
                    posted.incrementAndGet();
                  }
                  return null;
                }));
      }
      await().atMost(Duration.ofSeconds(60)).until(() -> relay.published() > 200);

      broker.close();
      Ports.awaitClosed(Ports.LOOPBACK, port, Duration.ofSeconds(30));
      long atStop = posted.get();
      await().atMost(Duration.ofSeconds(60)).until(() -> posted.get() > atStop + 300);
      assertThat(w.queryLong("select count(*) from wallet.outbox"))
          .as("entries wait in the outbox while Kafka is down")
          .isPositive();

      broker = KafkaBroker.start(Ports.LOOPBACK, port, dir, dir.resolve("kafka.log"));
      long atRestart = posted.get();
      await().atMost(Duration.ofSeconds(60)).until(() -> posted.get() > atRestart + 100);
      loading.set(false);
      for (Future<?> f : load) {
        f.get(30, TimeUnit.SECONDS);
      }
      await()
          .atMost(Duration.ofSeconds(120))
          .until(() -> w.queryLong("select count(*) from wallet.outbox") == 0);

      Map<Long, Long> ledger = ledgerEntries(w);
      try (EntryTopic topic = new EntryTopic(broker.bootstrapServers())) {
        List<EntryTopic.Read> read =
            await()
                .atMost(Duration.ofSeconds(60))
                .until(
                    topic::poll,
                    l ->
                        l.stream().map(r -> r.event().entryId()).distinct().count()
                            >= ledger.size());
        Set<Long> onTopic = new HashSet<>();
        // Each sub-account's entries form one balance chain, and arrive in that order. Every player
        // account is one sub-account; the house's sub-accounts are written concurrently.
        Map<String, Long> lastPerSubAccount = new HashMap<>();
        for (EntryTopic.Read r : read) {
          long id = r.event().entryId();
          assertThat(r.key()).isEqualTo(Long.toString(r.event().accountId()));
          if (onTopic.add(id)) {
            String sub = r.event().accountId() + "/" + r.event().subAccount();
            Long previous = lastPerSubAccount.put(sub, id);
            assertThat(previous == null || previous < id)
                .as("entry %d of sub-account %s after %d", id, sub, previous)
                .isTrue();
          }
        }
        assertThat(onTopic).isEqualTo(ledger.keySet());
      }
      assertThat(LedgerInvariants.violations(w.dataSource)).isEmpty();
    } finally {
      loading.set(false);
      pool.shutdownNow();
      broker.close();
    }
  }

  private static Map<Long, Long> ledgerEntries(WalletHarness w) throws Exception {
    Map<Long, Long> ids = new HashMap<>();
    try (Connection c = w.dataSource.getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("select id, account_id from wallet.entry")) {
      while (rs.next()) {
        ids.put(rs.getLong(1), rs.getLong(2));
      }
    }
    return ids;
  }
}
