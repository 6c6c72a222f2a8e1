package dev.croupier.workers.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.zaxxer.hikari.HikariDataSource;
import dev.croupier.activities.game.SeedActivitiesImpl;
import dev.croupier.activities.table.HoleCardSealer;
import dev.croupier.client.CallSettings;
import dev.croupier.client.tables.GameTables;
import dev.croupier.client.testing.PokerTableClient;
import dev.croupier.devstack.KafkaBroker;
import dev.croupier.games.poker.Action;
import dev.croupier.games.poker.Cards;
import dev.croupier.games.poker.TableConfig;
import dev.croupier.games.poker.TableView;
import dev.croupier.gamestore.tables.TableEventOutbox;
import dev.croupier.outbox.Backlog;
import dev.croupier.outbox.OutboxRecord;
import dev.croupier.outbox.OutboxRelay;
import dev.croupier.outbox.OutboxStore;
import dev.croupier.testsupport.KafkaExtension;
import dev.croupier.testsupport.KafkaTopics;
import dev.croupier.testsupport.PostgresDatabase;
import dev.croupier.testsupport.PostgresExtension;
import dev.croupier.wallet.testing.TestWallet;
import dev.croupier.workflows.table.TableAck;
import dev.croupier.workflows.table.TableOptions;
import dev.croupier.workflows.table.TableStatus;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The table outbox ({@link TableEventOutbox}) and the shared {@link OutboxRelay} against the real
 * broker: the table workflow (in-process test server, real wallet, real outbox with sealed hole
 * cards) writes events while relays publish them to {@code table.events} and {@code lobby.tables}.
 *
 * <p>What the topics documentation claims, checked here: each table's records arrive in {@code seq}
 * order on one partition, keyed by table id, with {@code type} and {@code seq} headers; they are
 * exactly the outbox rows; delivery is at least once: a relay that dies after Kafka acknowledged a
 * batch but before its delete committed sends that batch again, and only that batch, and consumers
 * that deduplicate by {@code (tableId, seq)} see every event exactly once; a relay restarted after
 * a committed batch sends nothing again; two relays at once (the advisory lock) send nothing twice.
 * Hole cards travel sealed: compliance's private key opens them, no other key does, and a sealed
 * blob moved to another seat does not open.
 */
@ExtendWith({PostgresExtension.class, KafkaExtension.class})
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class TableEventRelayTest {
  private static final Logger log = LoggerFactory.getLogger(TableEventRelayTest.class);
  static final String QUEUE = "poker-relay";
  static final TableConfig CONFIG = new TableConfig("COIN", 3, 5, 10, 100, 1_000, 500, 30);
  static final int BATCH = 50;

  /** A record as a consumer reads it. */
  record Read(
      String topic,
      int partition,
      long offset,
      String key,
      String value,
      String typeHeader,
      String seqHeader) {}

  /** An outbox row as it was written (copied by a trigger, as written). */
  record Written(UUID tableId, long seq, String topic, String type, String payload) {}

  private static final String UNPUBLISHED =
      "select count(*) from game.table_event_outbox where published_at is null";

  @Test
  void everyOutboxRowReachesItsTopicInOrderPerTableAndADuplicateOnlyFromACrashedBatch(
      PostgresDatabase db, KafkaBroker kafka) throws Exception {
    String bootstrap = kafka.bootstrapServers();
    String eventsTopic = KafkaTopics.create(bootstrap, "table.events", 6);
    String lobbyTopic = KafkaTopics.create(bootstrap, "lobby.tables", 1);
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    KeyPair compliance = generator.generateKeyPair();
    KeyPair someoneElse = generator.generateKeyPair();
    try (TestWallet wallet = TestWallet.start(db);
        HikariDataSource ds = db.dataSource(8);
        TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance()) {
      // The table workflow tags its table with the game, as the dev server's namespace allows.
      env.registerSearchAttribute("CroupierGameId", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);
      recordEveryOutboxInsert(ds);
      DSLContext dsl = DSL.using(ds, SQLDialect.POSTGRES);
      Worker worker = env.newWorker(QUEUE);
      worker.registerActivitiesImplementations(new SeedActivitiesImpl(new SecureRandom()));
      TableWorker.register(
          worker,
          wallet.stub(),
          Duration.ofSeconds(5),
          dsl,
          new HoleCardSealer(compliance.getPublic()),
          eventsTopic,
          lobbyTopic);
      env.start();
      PokerTableClient tables =
          new PokerTableClient(
              new GameTables(
                  env.getWorkflowClient(),
                  new CallSettings(QUEUE, Duration.ofSeconds(10), Duration.ofSeconds(60))));
      TableOptions options =
          TableOptions.DEFAULTS
              .withHandPause(Duration.ZERO)
              .withActionTimeout(Duration.ofMinutes(10))
              .withHandsPerRun(5);
      List<UUID> tableIds = new ArrayList<>();
      Map<UUID, List<String>> seated = new HashMap<>();
      for (int t = 0; t < 3; t++) {
        UUID tableId = UUID.randomUUID();
        tableIds.add(tableId);
        tables.open(tableId, "relay-" + t, CONFIG, options);
        List<String> players = new ArrayList<>();
        for (int s = 0; s < 3; s++) {
          UUID player = UUID.randomUUID();
          wallet.grant(player, 100_000);
          players.add(player.toString());
          tables.sit(tableId, player.toString(), tableId + "-sit-" + s, s, 500);
        }
        seated.put(tableId, players);
      }

      // 1. Hands are played with no relay running: the outbox fills up.
      Random random = new Random(3);
      for (UUID tableId : tableIds) {
        playHands(tables, tableId, 4, random);
      }
      long backlog = count(ds, "select count(*) from game.table_event_outbox");
      assertThat(backlog).isGreaterThan(BATCH);

      // 2. A relay dies after Kafka acknowledged its first batch and before it marked it published.
      TableEventOutbox outbox = new TableEventOutbox(dsl);
      try (OutboxRelay dying = relay(ds, new DiesBeforeDelete(outbox), bootstrap, BATCH)) {
        assertThatThrownBy(dying::publishBatch).hasStackTraceContaining("the relay died");
      }
      assertThat(count(ds, UNPUBLISHED)).isEqualTo(backlog);

      // 3. The relay restarts and publishes the whole backlog; restarted again, it sends nothing.
      int published = 0;
      try (OutboxRelay restarted = relay(ds, outbox, bootstrap, BATCH)) {
        for (int n; (n = restarted.publishBatch()) > 0; ) {
          published += n;
        }
      }
      assertThat(published).isEqualTo(backlog);
      try (OutboxRelay again = relay(ds, outbox, bootstrap, BATCH)) {
        assertThat(again.publishBatch()).isZero();
      }

      // 4. Two relays run at once, as two worker nodes would, while the tables play on and close.
      AtomicBoolean stop = new AtomicBoolean();
      AtomicInteger relayedLive = new AtomicInteger();
      AtomicInteger[] perRelay = {new AtomicInteger(), new AtomicInteger()};
      ExecutorService relays = Executors.newFixedThreadPool(2);
      List<Future<?>> loops = new ArrayList<>();
      for (int r = 0; r < 2; r++) {
        String clientId = "relay-node-" + r;
        AtomicInteger mine = perRelay[r];
        loops.add(
            relays.submit(
                () -> {
                  try (OutboxRelay relay = relay(ds, outbox, bootstrap, 20)) {
                    while (!stop.get()) {
                      int n = relay.publishBatch();
                      relayedLive.addAndGet(n);
                      mine.addAndGet(n);
                      if (n == 0) {
                        Thread.sleep(5);
                      }
                    }
                  }
                  return null;
                }));
      }
      for (UUID tableId : tableIds) {
        playHands(tables, tableId, 4, random);
      }
      Map<UUID, TableStatus> closed = new LinkedHashMap<>();
      for (UUID tableId : tableIds) {
        List<String> players = seated.get(tableId);
        for (int s = 0; s < 3; s++) {
          tables.leave(tableId, players.get(s), tableId + "-leave-" + s, s);
        }
        closed.put(tableId, tables.close(tableId));
      }
      await("the relays drain the outbox")
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(50))
          .until(() -> count(ds, UNPUBLISHED) == 0);
      stop.set(true);
      for (Future<?> loop : loops) {
        loop.get(60, TimeUnit.SECONDS);
      }
      relays.shutdown();
      assertThat(count(ds, UNPUBLISHED)).isZero();

      // ---- What consumers read ----
      List<Written> written = written(ds);
      // Published rows are kept, each marked: they are the tables' event log for hand recall.
      assertThat(count(ds, "select count(*) from game.table_event_outbox"))
          .isEqualTo(written.size());
      List<Read> events = readAll(bootstrap, eventsTopic);
      List<Read> lobby = readAll(bootstrap, lobbyTopic);
      List<Read> all = new ArrayList<>(events);
      all.addAll(lobby);
      Map<String, Written> writtenById = new LinkedHashMap<>();
      for (Written w : written) {
        writtenById.put(w.tableId() + "/" + w.seq(), w);
      }
      // Deduplicated by (tableId, seq): exactly the rows written, each once, on their topic.
      Map<String, Read> firstById = new LinkedHashMap<>();
      List<Read> duplicates = new ArrayList<>();
      for (Read r : all) {
        String id = r.key() + "/" + r.seqHeader();
        Read first = firstById.putIfAbsent(id, r);
        if (first != null) {
          duplicates.add(r);
          assertThat(r.value()).isEqualTo(first.value());
          assertThat(r.typeHeader()).isEqualTo(first.typeHeader());
        }
      }
      assertThat(firstById.keySet()).isEqualTo(writtenById.keySet());
      for (Map.Entry<String, Read> e : firstById.entrySet()) {
        Written w = writtenById.get(e.getKey());
        Read r = e.getValue();
        assertThat(r.topic()).isEqualTo(w.topic());
        assertThat(r.key()).isEqualTo(w.tableId().toString());
        assertThat(r.typeHeader()).isEqualTo(w.type());
        assertThat(r.value()).isEqualTo(w.payload());
        if (r.value() != null && r.topic().equals(eventsTopic)) {
          JsonNode v = TableAudit.JSON.readTree(r.value());
          assertThat(v.get("seq").asLong()).isEqualTo(w.seq());
          assertThat(v.get("type").asText()).isEqualTo(w.type());
        }
      }
      // Only the batch that died was sent twice, and only once more.
      assertThat(duplicates).hasSize(BATCH);
      assertThat(events.size() + lobby.size()).isEqualTo(written.size() + BATCH);

      // Per table: one partition, and seq ascending (a repeat only re-sends a block already seen).
      long tablesInOrder = 0;
      for (UUID tableId : tableIds) {
        for (List<Read> topic : List.of(events, lobby)) {
          List<Read> mine = topic.stream().filter(r -> r.key().equals(tableId.toString())).toList();
          assertThat(mine.stream().map(Read::partition).distinct()).hasSize(1);
          long highest = 0;
          List<Long> firstSeen = new ArrayList<>();
          Set<Long> seen = new HashSet<>();
          for (Read r : mine) {
            long seq = Long.parseLong(r.seqHeader());
            if (seen.add(seq)) {
              assertThat(seq).as("new seq after %d", highest).isGreaterThan(highest);
              highest = seq;
              firstSeen.add(seq);
            }
          }
          assertThat(firstSeen).isSorted();
        }
        List<Long> seqs =
            firstById.values().stream()
                .filter(r -> r.key().equals(tableId.toString()))
                .map(r -> Long.parseLong(r.seqHeader()))
                .sorted()
                .toList();
        List<Long> expected = new ArrayList<>();
        for (long q = 1; q <= closed.get(tableId).eventSeq(); q++) {
          expected.add(q);
        }
        assertThat(seqs).isEqualTo(expected);
        tablesInOrder++;
      }

      // Lobby: each table's last record is the tombstone of its close.
      for (UUID tableId : tableIds) {
        List<Read> mine = lobby.stream().filter(r -> r.key().equals(tableId.toString())).toList();
        assertThat(mine).isNotEmpty();
        assertThat(mine.get(mine.size() - 1).value()).isNull();
        JsonNode listing = TableAudit.JSON.readTree(mine.get(0).value());
        assertThat(listing.get("tableId").asText()).isEqualTo(tableId.toString());
        assertThat(listing.get("stakes").asText()).isEqualTo("5/10");
      }

      // Hole cards: sealed for compliance only, bound to their seat and hand.
      long sealedOpened = 0;
      for (Read r : firstById.values()) {
        if (!"holeCardsSealed".equals(r.typeHeader())) {
          continue;
        }
        JsonNode v = TableAudit.JSON.readTree(r.value());
        List<String> cards = TableAudit.openHoleCards(compliance.getPrivate(), v);
        assertThat(cards)
            .hasSize(2)
            .allSatisfy(card -> assertThat(Cards.id(card)).isBetween(0, 51));
        for (String card : cards) {
          assertThat(r.value()).doesNotContain("\"" + card + "\"");
        }
        assertThatThrownBy(() -> TableAudit.openHoleCards(someoneElse.getPrivate(), v))
            .isInstanceOf(GeneralSecurityException.class);
        ObjectNode moved = v.deepCopy();
        moved.put("seat", (v.get("seat").asInt() + 1) % 3);
        assertThatThrownBy(() -> TableAudit.openHoleCards(compliance.getPrivate(), moved))
            .isInstanceOf(GeneralSecurityException.class);
        sealedOpened++;
      }
      assertThat(sealedOpened).isPositive();
      assertThat(relayedLive.get()).isEqualTo(written.size() - backlog);

      log.info(
          "TABLE RELAY TEST: tables={} outbox rows written={} (backlog {} before the relays ran)"
              + " records read={} ({} on {}, {} on {}) duplicates={} (the batch of {} that died"
              + " before its commit) distinct (tableId, seq)={} tables in order={}"
              + " published by two concurrent relays={} ({} and {}) sealed deals opened={}",
          tableIds.size(),
          written.size(),
          backlog,
          all.size(),
          events.size(),
          eventsTopic,
          lobby.size(),
          lobbyTopic,
          duplicates.size(),
          BATCH,
          firstById.size(),
          tablesInOrder,
          relayedLive.get(),
          perRelay[0].get(),
          perRelay[1].get(),
          sealedOpened);
    }
  }

  /** Check or call, sometimes fold or bet, until {@code hands} more hands have ended. */
  private static void playHands(PokerTableClient tables, UUID tableId, int hands, Random random) {
    int done = 0;
    int request = 0;
    String prefix = tableId + "-" + random.nextInt(1_000_000) + "-";
    while (done < hands) {
      TableView v = tables.view(tableId, null);
      if (v.hand() == null || v.hand().toAct() < 0) {
        continue;
      }
      int seat = v.hand().toAct();
      long streetBet =
          v.hand().players().stream()
              .filter(p -> p.seat() == seat)
              .findFirst()
              .orElseThrow()
              .streetBet();
      boolean canCheck = streetBet == v.hand().currentBet();
      int r = random.nextInt(10);
      Action action =
          canCheck
              ? (r == 0 && v.hand().currentBet() == 0 ? new Action.Bet(20) : new Action.Check())
              : (r == 0 ? new Action.Fold() : new Action.Call());
      long hand = v.hand().number();
      TableAck ack =
          tables.act(tableId, v.seats().get(seat).playerId(), prefix + (++request), seat, action);
      if (ack.handNumber() != hand || !ack.handRunning()) {
        done++;
      }
    }
  }

  /** A relay of the table outbox, as the workers app runs it. */
  private static OutboxRelay relay(
      HikariDataSource ds, OutboxStore store, String bootstrap, int batchSize) {
    return new OutboxRelay(
        ds,
        store,
        new OutboxRelay.Settings(
            "table-outbox", bootstrap, batchSize, Duration.ofMillis(50), Duration.ofSeconds(30)));
  }

  /** Fails the relay's first delete, as if the process died between Kafka's ack and the commit. */
  private record DiesBeforeDelete(OutboxStore store) implements OutboxStore {
    @Override
    public long leadershipLock() {
      return store.leadershipLock();
    }

    @Override
    public List<OutboxRecord> next(Connection connection, int limit) {
      return store.next(connection, limit);
    }

    @Override
    public void delete(Connection connection, List<Long> ids) {
      throw new IllegalStateException("the relay died before its delete committed");
    }

    @Override
    public Backlog backlog(Connection connection) {
      return store.backlog(connection);
    }
  }

  /** Keeps a copy of every outbox row as it is inserted: the relay deletes what it publishes. */
  private static void recordEveryOutboxInsert(HikariDataSource ds) throws Exception {
    try (Connection c = ds.getConnection();
        Statement st = c.createStatement()) {
      st.execute(
          "create table public.outbox_written as select * from game.table_event_outbox where false");
      st.execute(
          """
          create function public.copy_outbox_row() returns trigger language plpgsql as $$
          begin
            insert into public.outbox_written select new.*;
            return new;
          end $$""");
      st.execute(
          "create trigger outbox_written after insert on game.table_event_outbox"
              + " for each row execute function public.copy_outbox_row()");
    }
  }

  private static List<Written> written(HikariDataSource ds) throws Exception {
    List<Written> out = new ArrayList<>();
    try (Connection c = ds.getConnection();
        Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "select table_id, seq, topic, type, payload from public.outbox_written"
                    + " order by id")) {
      while (rs.next()) {
        out.add(
            new Written(
                rs.getObject(1, UUID.class),
                rs.getLong(2),
                rs.getString(3),
                rs.getString(4),
                rs.getString(5)));
      }
    }
    return out;
  }

  private static long count(HikariDataSource ds, String sql) throws Exception {
    try (Connection c = ds.getConnection();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** Every record of a topic, in offset order per partition. */
  private static List<Read> readAll(String bootstrap, String topic) {
    return KafkaTopics.readAll(bootstrap, topic, StringDeserializer.class).stream()
        .map(
            r ->
                new Read(
                    r.topic(),
                    r.partition(),
                    r.offset(),
                    r.key(),
                    r.value(),
                    header(r.headers().lastHeader("type")),
                    header(r.headers().lastHeader("seq"))))
        .toList();
  }

  private static String header(Header h) {
    return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }
}
