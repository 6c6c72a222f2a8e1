package dev.croupier.realtime.jackpot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import dev.croupier.api.wallet.v1.PayJackpotRequest;
import dev.croupier.api.wallet.v1.PayJackpotResponse;
import dev.croupier.devstack.KafkaBroker;
import dev.croupier.outbox.Leadership;
import dev.croupier.realtime.RealtimeTestWallet;
import dev.croupier.realtime.TestTopics;
import dev.croupier.testsupport.KafkaExtension;
import dev.croupier.testsupport.KafkaTopics;
import dev.croupier.testsupport.PostgresDatabase;
import dev.croupier.testsupport.PostgresExtension;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The aggregator against the real wallet (outbox relay on), the real broker and PostgreSQL: every
 * published pool equals the pool's ledger balance as of the offsets it was taken at.
 */
@ExtendWith({PostgresExtension.class, KafkaExtension.class})
class JackpotAggregatorTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final long RESEED = 5_000;

  private KafkaBroker kafka;
  private PostgresDatabase db;
  private HikariDataSource dataSource;
  private RealtimeTestWallet wallet;
  private String entries;
  private String updates;
  private final List<JackpotAggregator> aggregators = new ArrayList<>();

  @BeforeEach
  void start(KafkaBroker kafka, PostgresDatabase db) {
    this.kafka = kafka;
    this.db = db;
    entries = KafkaTopics.create(kafka.bootstrapServers(), "wallet.entries", 12);
    updates = KafkaTopics.create(kafka.bootstrapServers(), "jackpot.updates", 1);
    dataSource = db.dataSource(4);
    wallet = new RealtimeTestWallet(db, kafka.bootstrapServers(), entries);
  }

  @AfterEach
  void stop() {
    aggregators.forEach(JackpotAggregator::close);
    wallet.close();
    dataSource.close();
  }

  private JackpotAggregator aggregator() {
    JackpotAggregator a =
        new JackpotAggregator(
            new JackpotAggregator.Settings(
                kafka.bootstrapServers(),
                entries,
                updates,
                Duration.ofMillis(200),
                List.of("COIN")),
            new Leadership(dataSource, 42),
            Clock.systemUTC());
    aggregators.add(a);
    a.start();
    return a;
  }

  /** Rounds from several threads, each with a contribution into the pool. */
  private void playRounds(String prefix, List<Long> players, int rounds) throws Exception {
    ExecutorService threads = Executors.newFixedThreadPool(4);
    List<Future<?>> done = new ArrayList<>();
    for (int i = 0; i < rounds; i++) {
      long player = players.get(i % players.size());
      String key = prefix + "-" + i;
      long stake = 100 + i % 7;
      done.add(
          threads.submit(
              () -> wallet.round(key, player, stake, i(key) % 3 == 0 ? 50 : 0, stake / 10 + 1)));
    }
    for (Future<?> f : done) {
      f.get(60, TimeUnit.SECONDS);
    }
    threads.shutdown();
  }

  private static int i(String key) {
    return Math.abs(key.hashCode());
  }

  private List<Long> players(int n) {
    List<Long> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(wallet.fundedPlayer(UUID.randomUUID(), 1_000_000));
    }
    return out;
  }

  private static List<JsonNode> values(List<ConsumerRecord<String, String>> records, String type) {
    return records.stream()
        .map(r -> JSON.readTree(r.value()))
        .filter(v -> v.path("type").asString("").equals(type))
        .toList();
  }

  @Test
  void everyPublishedPoolIsTheLedgerBalanceAsOfTheConsumedOffsetsAndWinsAreAnnounced()
      throws Exception {
    List<Long> players = players(4);
    try (KafkaTopics.JsonReader reader =
        new KafkaTopics.JsonReader(kafka.bootstrapServers(), updates)) {
      aggregator();
      playRounds("a", players, 200);
      long winner = players.get(0);
      PayJackpotResponse won =
          wallet.stub.payJackpot(
              PayJackpotRequest.newBuilder()
                  .setIdempotencyKey("session-a-jackpot")
                  .setCurrency("COIN")
                  .setWinnerAccountId(winner)
                  .setReseedAmount(RESEED)
                  .build());
      assertThat(won.getAmountWon()).isPositive();
      playRounds("b", players, 50);
      long ledger = wallet.balance(wallet.pool);

      // The last value published is the pool's balance in the ledger once the topic is read.
      await()
          .atMost(Duration.ofSeconds(60))
          .until(
              () -> {
                List<JsonNode> v = values(reader.poll(), "jackpot.update");
                return !v.isEmpty() && v.get(v.size() - 1).at("/payload/pool").asLong() == ledger;
              });
      List<ConsumerRecord<String, String>> all = reader.poll();
      List<JsonNode> published = values(all, "jackpot.update");

      // Every value, not only the last, against what the offsets it names cover.
      List<TestTopics.Entry> topic = TestTopics.readEntries(kafka.bootstrapServers(), entries);
      Set<Long> distinct = new HashSet<>();
      for (JsonNode u : published) {
        long pool = u.at("/payload/pool").asLong();
        distinct.add(pool);
        assertThat(u.at("/payload/currency").asString()).isEqualTo("COIN");
        assertThat(u.at("/payload/asOf").asString()).isNotBlank();
        long expected = 0;
        long lastEntry = 0;
        for (TestTopics.Entry e : topic) {
          long next = u.path("offsets").path(Integer.toString(e.partition())).asLong(-1);
          if (e.event().accountId() == wallet.pool
              && e.offset() < next
              && e.event().entryId() > lastEntry) {
            lastEntry = e.event().entryId();
            expected = e.event().balanceAfter();
          }
        }
        assertThat(pool).as("pool as of %s", u.path("offsets")).isEqualTo(expected);
        assertThat(u.path("entryId").asLong()).isEqualTo(lastEntry);
        if (lastEntry > 0) {
          assertThat(pool).isEqualTo(ledgerPoolUpTo(lastEntry));
        }
      }
      assertThat(distinct).as("the test saw the pool grow").hasSizeGreaterThan(3);

      List<JsonNode> wins = values(all, "jackpot.won");
      assertThat(wins).hasSize(1);
      JsonNode win = wins.get(0);
      assertThat(win.at("/payload/amount").asLong()).isEqualTo(won.getAmountWon());
      assertThat(win.at("/payload/currency").asString()).isEqualTo("COIN");
      assertThat(win.at("/payload/userDisplayName").asString()).startsWith("player-");
      assertThat(win.path("transactionId").asLong()).isEqualTo(won.getTransactionId());
      assertThat(win.path("userId").asString()).isEqualTo(ownerOf(winner));
    }
  }

  @Test
  void aRestartedAggregatorResumesFromItsLastPublishedValue() throws Exception {
    List<Long> players = players(3);
    try (KafkaTopics.JsonReader reader =
        new KafkaTopics.JsonReader(kafka.bootstrapServers(), updates)) {
      JackpotAggregator first = aggregator();
      playRounds("r1", players, 60);
      long before = wallet.balance(wallet.pool);
      await().atMost(Duration.ofSeconds(60)).until(() -> lastPool(reader) == before);
      first.close();
      int seenBefore = reader.poll().size();

      playRounds("r2", players, 30);
      long after = wallet.balance(wallet.pool);
      JackpotAggregator second = aggregator();
      await().atMost(Duration.ofSeconds(60)).until(() -> lastPool(reader) == after);

      // The second one published only values that held, starting from the first one's last.
      List<ConsumerRecord<String, String>> all = reader.poll();
      List<JsonNode> fromSecond = values(all.subList(seenBefore, all.size()), "jackpot.update");
      assertThat(fromSecond.get(0).at("/payload/pool").asLong()).isBetween(before, after);
      // It resumed at the first one's offsets: it read the new rounds' entries, not the topic.
      long total = TestTopics.readEntries(kafka.bootstrapServers(), entries).size();
      assertThat(second.recordsRead()).isPositive().isLessThan(total / 2);
    }
  }

  @Test
  void onlyTheLeaderPublishes() throws Exception {
    List<Long> players = players(2);
    try (KafkaTopics.JsonReader reader =
        new KafkaTopics.JsonReader(kafka.bootstrapServers(), updates)) {
      JackpotAggregator a = aggregator();
      JackpotAggregator b = aggregator();
      playRounds("l", players, 20);
      long ledger = wallet.balance(wallet.pool);
      await().atMost(Duration.ofSeconds(60)).until(() -> lastPool(reader) == ledger);
      assertThat(a.recordsRead() == 0 || b.recordsRead() == 0)
          .as("one of them never read: a=%d b=%d", a.recordsRead(), b.recordsRead())
          .isTrue();
    }
  }

  private static long lastPool(KafkaTopics.JsonReader reader) {
    List<JsonNode> v = values(reader.poll(), "jackpot.update");
    return v.isEmpty() ? -1 : v.get(v.size() - 1).at("/payload/pool").asLong();
  }

  private long ledgerPoolUpTo(long entryId) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "select coalesce(sum(amount), 0) from wallet.entry where account_id = ? and id <= ?")) {
      ps.setLong(1, wallet.pool);
      ps.setLong(2, entryId);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  private String ownerOf(long account) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement("select owner_id::text from wallet.account where id = ?")) {
      ps.setLong(1, account);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getString(1);
      }
    }
  }
}
