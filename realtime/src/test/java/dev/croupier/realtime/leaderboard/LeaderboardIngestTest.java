package dev.croupier.realtime.leaderboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import dev.croupier.api.wallet.v1.PayJackpotRequest;
import dev.croupier.devstack.KafkaBroker;
import dev.croupier.realtime.RealtimeTestWallet;
import dev.croupier.testsupport.KafkaExtension;
import dev.croupier.testsupport.KafkaTopics;
import dev.croupier.testsupport.PostgresDatabase;
import dev.croupier.testsupport.PostgresExtension;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The leaderboards against the real wallet, broker and PostgreSQL: the stored scores, the top N and
 * every rank equal the same figures computed in SQL straight from the ledger, also after every
 * record was delivered twice, after a restart, and after a replay from the first offset.
 */
@ExtendWith({PostgresExtension.class, KafkaExtension.class})
class LeaderboardIngestTest {
  private static final String GROUP = "leaderboards-test";

  /** The boards from the ledger: board, period, period start, currency, user, value. */
  private static final String FROM_LEDGER =
      """
      with counted as (
        select a.owner_id as user_id, e.currency, e.created_at,
               case when e.amount < 0 and t.kind in ('BET', 'BET_AND_WIN') then 'total-wagered'
                    when e.amount > 0 and t.kind in ('WIN', 'BET_AND_WIN', 'JACKPOT_WIN')
                      then 'biggest-win' end as board,
               abs(e.amount) as value
        from wallet.entry e
        join wallet.transaction t on t.id = e.transaction_id
        join wallet.account a on a.id = e.account_id
        where a.type = 'PLAYER'
      ), periods as (
        select board, 'daily' as period, (created_at at time zone 'UTC')::date as start,
               currency, user_id, value from counted where board is not null
        union all
        select board, 'weekly', date_trunc('week', created_at at time zone 'UTC')::date,
               currency, user_id, value from counted where board is not null
        union all
        select board, 'all-time', date '1970-01-01', currency, user_id, value
        from counted where board is not null
      )
      select board || '/' || period || '/' || start || '/' || currency || '/' || user_id as k,
             case when board = 'total-wagered' then sum(value) else max(value) end as v
      from periods group by board, period, start, currency, user_id
      """;

  /** Revenue per currency and hour from the ledger: stakes, wins, rake, rounds. */
  private static final String REVENUE_FROM_LEDGER =
      """
      select e.currency || '@' || to_char(date_trunc('hour', e.created_at at time zone 'UTC'), 'YYYY-MM-DD"T"HH24') as k,
             coalesce(sum(-e.amount) filter (where a.type = 'PLAYER' and e.amount < 0 and t.kind in ('BET', 'BET_AND_WIN')), 0)
             || '/' || coalesce(sum(e.amount) filter (where a.type = 'PLAYER' and e.amount > 0 and t.kind in ('WIN', 'BET_AND_WIN', 'JACKPOT_WIN')), 0)
             || '/' || coalesce(sum(e.amount) filter (where a.type = 'HOUSE' and e.amount > 0 and t.kind = 'RAKE'), 0)
             || '/' || count(*) filter (where a.type = 'PLAYER' and e.amount < 0 and t.kind in ('BET', 'BET_AND_WIN')) as v
      from wallet.entry e
      join wallet.transaction t on t.id = e.transaction_id
      join wallet.account a on a.id = e.account_id
      where (a.type = 'PLAYER' and t.kind in ('BET', 'WIN', 'BET_AND_WIN', 'JACKPOT_WIN'))
         or (a.type = 'HOUSE' and t.kind = 'RAKE')
      group by 1
      """;

  private static final String REVENUE_STORED =
      """
      select currency || '@' || to_char(hour at time zone 'UTC', 'YYYY-MM-DD"T"HH24'),
             stakes || '/' || wins || '/' || rake || '/' || rounds
      from realtime.revenue_hourly
      """;

  private static final String STORED =
      """
      select board || '/' || period || '/' || period_start || '/' || currency || '/' || user_id,
             value
      from realtime.leaderboard_scores
      """;

  private KafkaBroker kafka;
  private HikariDataSource dataSource;
  private DSLContext dsl;
  private RealtimeTestWallet wallet;
  private String entries;
  private final List<AutoCloseable> running = new ArrayList<>();

  @BeforeEach
  void start(KafkaBroker kafka, PostgresDatabase db) {
    this.kafka = kafka;
    entries = KafkaTopics.create(kafka.bootstrapServers(), "wallet.entries", 12);
    dataSource = db.dataSource(6);
    dsl = DSL.using(dataSource, SQLDialect.POSTGRES);
    wallet = new RealtimeTestWallet(db, kafka.bootstrapServers(), entries);
  }

  @AfterEach
  void stop() throws Exception {
    for (AutoCloseable c : running) {
      c.close();
    }
    wallet.close();
    dataSource.close();
  }

  private LeaderboardIngest ingest() {
    LeaderboardIngest i =
        new LeaderboardIngest(
            new LeaderboardIngest.Settings(kafka.bootstrapServers(), entries, GROUP), dsl);
    running.add(i);
    i.start();
    return i;
  }

  private Map<String, String> texts(String sql) {
    Map<String, String> out = new TreeMap<>();
    dsl.resultQuery(sql)
        .fetch()
        .forEach(r -> out.put(r.get(0, String.class), r.get(1, String.class)));
    return out;
  }

  private void assertRevenueMatchesTheLedger() {
    Map<String, String> expected = texts(REVENUE_FROM_LEDGER);
    assertThat(expected).isNotEmpty();
    assertThat(texts(REVENUE_STORED)).isEqualTo(expected);
  }

  private Map<String, Long> map(String sql) {
    Map<String, Long> out = new TreeMap<>();
    dsl.resultQuery(sql)
        .fetch()
        .forEach(r -> out.put(r.get(0, String.class), r.get(1, Long.class)));
    return out;
  }

  /** Random rounds of random players, with grants (not counted) and one jackpot win. */
  private void play(List<Long> players, SplittableRandom rnd, String prefix, int rounds) {
    for (int i = 0; i < rounds; i++) {
      long player = players.get(rnd.nextInt(players.size()));
      long stake = 10 + rnd.nextInt(500);
      long win = rnd.nextInt(3) == 0 ? rnd.nextInt(5_000) : 0;
      wallet.round(prefix + "-" + i, player, stake, win, stake / 100 + 1);
    }
  }

  /** Waits until the stored offsets reach the end of every partition. */
  private void awaitCaughtUp() {
    Map<Integer, Long> end = endOffsets();
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () -> {
              Map<Integer, Long> stored = new LeaderboardRepository().offsets(dsl, entries);
              return end.entrySet().stream()
                  .allMatch(
                      e ->
                          e.getValue() == 0 || stored.getOrDefault(e.getKey(), 0L) >= e.getValue());
            });
  }

  private Map<Integer, Long> endOffsets() {
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> dsl.fetchCount(DSL.table("wallet.outbox")) == 0);
    try (KafkaConsumer<String, byte[]> c =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class))) {
      Map<Integer, Long> out = new TreeMap<>();
      c.endOffsets(
              c.partitionsFor(entries).stream()
                  .map(p -> new TopicPartition(entries, p.partition()))
                  .toList())
          .forEach((tp, o) -> out.put(tp.partition(), o));
      return out;
    }
  }

  private void assertBoardsMatchTheLedger(List<UUID> users) {
    Map<String, Long> expected = map(FROM_LEDGER);
    assertThat(expected).isNotEmpty();
    assertThat(map(STORED)).isEqualTo(expected);
    Leaderboards boards = new Leaderboards(dsl, Clock.systemUTC());
    for (Board board : Board.values()) {
      for (Period period : Period.values()) {
        List<Standing> top = boards.top(board, period, "COIN", 5);
        assertThat(top).hasSizeLessThanOrEqualTo(5);
        for (int i = 1; i < top.size(); i++) {
          assertThat(top.get(i).value()).isLessThanOrEqualTo(top.get(i - 1).value());
        }
        for (UUID user : users) {
          String prefix =
              board.id()
                  + "/"
                  + period.id()
                  + "/"
                  + period.start(java.time.Instant.now())
                  + "/COIN/";
          Long mine = expected.get(prefix + user);
          if (mine == null) {
            assertThat(boards.rankOf(user, board, period, "COIN")).isEmpty();
            continue;
          }
          long better =
              expected.entrySet().stream()
                  .filter(e -> e.getKey().startsWith(prefix) && e.getValue() > mine)
                  .count();
          assertThat(boards.rankOf(user, board, period, "COIN"))
              .contains(new Standing((int) better + 1, user, mine));
        }
        if (!top.isEmpty()) {
          assertThat(boards.rankOf(top.get(0).userId(), board, period, "COIN").orElseThrow().rank())
              .isEqualTo(1);
        }
      }
    }
  }

  @Test
  void boardsEqualTheLedgerAfterDuplicatesRestartsAndAReplay() throws Exception {
    SplittableRandom rnd = new SplittableRandom(7);
    List<UUID> users = new ArrayList<>();
    List<Long> players = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      UUID u = UUID.randomUUID();
      users.add(u);
      players.add(wallet.fundedPlayer(u, 1_000_000));
    }
    LeaderboardIngest first = ingest();
    play(players, rnd, "a", 150);
    wallet.stub.payJackpot(
        PayJackpotRequest.newBuilder()
            .setIdempotencyKey("session-a-jackpot")
            .setCurrency("COIN")
            .setWinnerAccountId(players.get(3))
            .setReseedAmount(100)
            .build());
    wallet.tableRake(players.get(5), "table-a", 37);
    awaitCaughtUp();
    assertBoardsMatchTheLedger(users);
    assertRevenueMatchesTheLedger();
    long countedOnce = dsl.fetchCount(DSL.table("realtime.leaderboard_counted_entries"));
    assertThat(first.counted()).isEqualTo(countedOnce).isPositive();

    // Every record again, as a relay re-sending after a crash would.
    redeliverEverything();
    awaitCaughtUp();
    assertBoardsMatchTheLedger(users);
    assertRevenueMatchesTheLedger();
    assertThat(first.counted()).isEqualTo(countedOnce);

    // A restart, with posts made while no ingest ran.
    first.close();
    play(players, rnd, "b", 60);
    ingest();
    awaitCaughtUp();
    assertBoardsMatchTheLedger(users);

    // A replay of the whole topic from the first offset counts nothing twice.
    running.get(running.size() - 1).close();
    dsl.deleteFrom(DSL.table("realtime.leaderboard_offsets")).execute();
    LeaderboardIngest replay = ingest();
    awaitCaughtUp();
    assertBoardsMatchTheLedger(users);
    assertRevenueMatchesTheLedger();
    assertThat(replay.counted()).isZero();
  }

  @Test
  void thePublisherSendsTheTopNOfEveryBoard() throws Exception {
    String updates = KafkaTopics.create(kafka.bootstrapServers(), "leaderboard.updates", 1);
    List<Long> players = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      players.add(wallet.fundedPlayer(UUID.randomUUID(), 1_000_000));
    }
    ingest();
    play(players, new SplittableRandom(3), "p", 40);
    awaitCaughtUp();
    Leaderboards boards = new Leaderboards(dsl, Clock.systemUTC());
    LeaderboardPublisher publisher =
        new LeaderboardPublisher(
            new LeaderboardPublisher.Settings(
                kafka.bootstrapServers(), updates, Duration.ofMillis(300), 3, List.of("COIN")),
            boards,
            Clock.systemUTC());
    running.add(publisher);
    JsonMapper json = JsonMapper.builder().build();
    try (KafkaTopics.JsonReader reader =
        new KafkaTopics.JsonReader(kafka.bootstrapServers(), updates)) {
      publisher.start();
      List<ConsumerRecord<String, String>> read =
          await()
              .atMost(Duration.ofSeconds(30))
              .until(reader::poll, l -> l.size() >= Board.values().length * Period.values().length);
      for (ConsumerRecord<String, String> r : read.subList(0, 6)) {
        JsonNode v = json.readTree(r.value());
        Board board = Board.of(v.at("/payload/board").asString()).orElseThrow();
        Period period = Period.of(v.at("/payload/period").asString()).orElseThrow();
        assertThat(r.key()).isEqualTo(board.id() + "/" + period.id() + "/COIN");
        assertThat(v.path("type").asString()).isEqualTo("leaderboard.update");
        List<Standing> top = boards.top(board, period, "COIN", 3);
        JsonNode published = v.at("/payload/entries");
        assertThat(published.size()).isEqualTo(top.size()).isEqualTo(3);
        for (int i = 0; i < top.size(); i++) {
          assertThat(published.get(i).path("rank").asInt()).isEqualTo(top.get(i).rank());
          assertThat(published.get(i).path("value").asLong()).isEqualTo(top.get(i).value());
          assertThat(published.get(i).path("displayName").asString()).startsWith("player-");
          assertThat(v.path("userIds").get(i).asString()).isEqualTo(top.get(i).userId().toString());
        }
      }
    }
  }

  private void redeliverEverything() throws ExecutionException, InterruptedException {
    List<ConsumerRecord<String, byte[]>> all =
        KafkaTopics.readAll(kafka.bootstrapServers(), entries, ByteArrayDeserializer.class);
    assertThat(all).hasSizeGreaterThan(300);
    try (KafkaProducer<String, byte[]> p =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {
      for (ConsumerRecord<String, byte[]> r : all) {
        p.send(new ProducerRecord<>(entries, r.partition(), r.key(), r.value())).get();
      }
    }
  }
}
