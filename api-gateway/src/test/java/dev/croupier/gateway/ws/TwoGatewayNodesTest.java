package dev.croupier.gateway.ws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.croupier.api.wallet.v1.AccountType;
import dev.croupier.api.wallet.v1.GetBalanceRequest;
import dev.croupier.api.wallet.v1.OpenAccountRequest;
import dev.croupier.api.wallet.v1.WalletGrpc;
import dev.croupier.devstack.KafkaBroker;
import dev.croupier.devstack.TemporalServer;
import dev.croupier.testsupport.KafkaExtension;
import dev.croupier.testsupport.PostgresDatabase;
import dev.croupier.testsupport.PostgresExtension;
import dev.croupier.testsupport.TemporalServerExtension;
import dev.croupier.wallet.api.ServiceNames;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/**
 * Two gateway nodes in one JVM, each its own Spring context on its own port, sharing nothing but
 * Temporal, Kafka and PostgreSQL: a player moves from one to the other mid-session, chat sent on
 * one reaches players on the other, both push the same jackpot value, the pool's ledger balance,
 * and the rate limits hold in sum across them.
 */
@ExtendWith({PostgresExtension.class, KafkaExtension.class, TemporalServerExtension.class})
class TwoGatewayNodesTest {
  private static WsStack stack;
  private static WsStack.Node a;
  private static WsStack.Node b;

  @BeforeAll
  static void start(PostgresDatabase db, KafkaBroker kafka, TemporalServer temporal) {
    stack = new WsStack(db, kafka, temporal);
    a = stack.startNode(Map.of());
    b = stack.startNode(Map.of());
  }

  @AfterAll
  static void stop() {
    stack.close();
  }

  @Test
  void aUsersLoginBudgetHoldsInSumAcrossBothNodesAndEveryAddress() {
    WsStack.Player p = a.newPlayer("Budget");
    int allowed = 1; // newPlayer's own login
    int limited = 0;
    for (int i = 0; i < 20; i++) {
      WsStack.Node node = i % 2 == 0 ? a : b;
      int status = node.loginFrom(p.email(), WsStack.PASSWORD, WsStack.randomIp());
      if (status == 200) {
        allowed++;
      } else if (status == 429) {
        limited++;
      }
    }
    // 10 logins a minute per user (croupier.rate-limits.login.per-user), held by both nodes
    // together and whatever the address: per-node buckets would have let about 20 through, and
    // per-address ones all 21. One more may have refilled during the loop.
    assertThat(allowed).isBetween(10, 11);
    assertThat(limited).isEqualTo(21 - allowed);
  }

  @Test
  void aPlayerMovesToTheOtherNodeMidSessionAndKeepsPlaying() {
    WsStack.Player p = a.newPlayer("Nomad");
    WsClient onA = a.connect(p);
    String session =
        onA.request("session.open", Map.of("gameId", "slot-classic"))
            .at("/payload/sessionId")
            .asString();
    Map<String, Object> bet = Map.of("sessionId", session, "amount", 100, "currency", "COIN");
    JsonNode first = onA.request("move-1", "bet.place", bet);
    onA.abort();

    WsClient onB = b.connect(p);
    JsonNode state = onB.request("session.state", Map.of("sessionId", session));
    assertThat(state.at("/payload/status").asString()).isEqualTo("OPEN");
    assertThat(state.at("/payload/round").asLong()).isEqualTo(1);
    assertThat(onB.request("move-1", "bet.place", bet).get("payload"))
        .isEqualTo(first.get("payload"));
    JsonNode second = onB.request("move-2", "bet.place", bet);
    assertThat(second.at("/payload/round").asLong()).isEqualTo(2);
    assertThat(onB.request("balance.get", Map.of()).at("/payload/balance").asLong())
        .isEqualTo(stack.wallet.balance(p.userId()));
    assertThat(
            onB.request("session.close", Map.of("sessionId", session))
                .at("/payload/rounds")
                .asLong())
        .isEqualTo(2);
    assertThat(onA.schemaViolations).isEmpty();
    assertThat(onB.schemaViolations).isEmpty();
    onB.close();
  }

  @Test
  void chatSentOnOneNodeReachesPlayersOnTheOther() {
    WsClient listener = a.connect(a.newPlayer("Listener"));
    listener.request("subscribe", Map.of("topic", "lobby"));
    WsStack.Player talker = b.newPlayer("Talker");
    WsClient speaker = b.connect(talker);
    String text = "hello from node b " + UUID.randomUUID();
    assertThat(speaker.request("chat.send", Map.of("text", text)).path("type").asString())
        .isEqualTo("chat.sent");
    JsonNode heard = listener.awaitEvent(e -> text.equals(e.at("/payload/text").asString()));
    assertThat(heard.at("/payload/from").asString()).isEqualTo(talker.displayName());
    assertThat(listener.schemaViolations).isEmpty();
    listener.close();
    speaker.close();
  }

  @Test
  void bothNodesPushTheSameJackpotValueAndItIsThePoolsLedgerBalance() throws Exception {
    WsClient onA = a.connect(a.newPlayer("PotWatcherA"));
    WsClient onB = b.connect(b.newPlayer("PotWatcherB"));
    onA.request("subscribe", Map.of("topic", "jackpot"));
    onB.request("subscribe", Map.of("topic", "jackpot"));
    // Contributions through the wallet: each slot bet posts 1 % of its stake to the pool in its
    // BET_AND_WIN.
    WsClient bettor = a.connect(a.newPlayer("Feeder"));
    String session =
        bettor
            .request("session.open", Map.of("gameId", "slot-classic"))
            .at("/payload/sessionId")
            .asString();
    for (int i = 0; i < 3; i++) {
      bettor.request(
          "bet.place", Map.of("sessionId", session, "amount", 1_000, "currency", "COIN"));
    }
    long pool = poolBalance();
    assertThat(pool).isGreaterThanOrEqualTo(30);

    // The workers' jackpot aggregator publishes the pool it followed on wallet.entries as this
    // record (key and value as in temporal-config/README.md); the aggregator itself lives in the
    // workers app, which this module may not link.
    String asOf = Instant.now().toString();
    Properties props = new Properties();
    props.put("bootstrap.servers", stack.kafka.bootstrapServers());
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
      producer
          .send(
              new ProducerRecord<>(
                  "jackpot.updates",
                  "pool/COIN",
                  WsStack.JSON.writeValueAsString(
                      Map.of(
                          "type",
                          "jackpot.update",
                          "payload",
                          Map.of("pool", pool, "currency", "COIN", "asOf", asOf)))))
          .get(10, TimeUnit.SECONDS);
    }

    JsonNode seenOnA = onA.awaitEvent(e -> asOf.equals(e.at("/payload/asOf").asString()));
    JsonNode seenOnB = onB.awaitEvent(e -> asOf.equals(e.at("/payload/asOf").asString()));
    assertThat(seenOnA.path("type").asString()).isEqualTo("jackpot.update");
    assertThat(seenOnA.get("payload")).isEqualTo(seenOnB.get("payload"));
    assertThat(seenOnA.at("/payload/pool").asLong()).isEqualTo(pool).isEqualTo(poolBalance());
    // Players who subscribe later, on either node, get that same value at once.
    for (WsStack.Node node : new WsStack.Node[] {a, b}) {
      WsClient late = node.connect(node.newPlayer("LatePot"));
      late.request("subscribe", Map.of("topic", "jackpot"));
      assertThat(late.awaitEvent("jackpot.update").get("payload"))
          .isEqualTo(seenOnA.get("payload"));
      assertThat(late.schemaViolations).isEmpty();
      late.close();
    }
    assertThat(onA.schemaViolations).isEmpty();
    assertThat(onB.schemaViolations).isEmpty();
    assertThat(bettor.schemaViolations).isEmpty();
    onA.close();
    onB.close();
    bettor.close();
  }

  @Test
  void aFlagChangedInAdminReachesBothNodesTheirSocketsAndTheirOpenSessions() throws Exception {
    WsClient onA = a.connect(a.newPlayer("FlagA"));
    WsClient onB = b.connect(b.newPlayer("FlagB"));
    publishFlag("auto-spin", false, 100);
    for (WsClient c : java.util.List.of(onA, onB)) {
      JsonNode pushed =
          c.awaitEvent(
              e ->
                  "features".equals(e.path("type").asString())
                      && !e.at("/payload/autoSpin").asBoolean());
      assertThat(pushed.at("/payload/autoSpin").asBoolean()).isFalse();
    }
    String sessionA =
        onA.request("session.open", Map.of("gameId", "slot-classic"))
            .at("/payload/sessionId")
            .asString();
    String sessionB =
        onB.request("session.open", Map.of("gameId", "slot-classic"))
            .at("/payload/sessionId")
            .asString();
    Map<String, Object> spinsA =
        Map.of("sessionId", sessionA, "amount", 100, "currency", "COIN", "spins", 3);
    Map<String, Object> spinsB =
        Map.of("sessionId", sessionB, "amount", 100, "currency", "COIN", "spins", 3);
    assertThat(onA.request("bet.place", spinsA).path("code").asString())
        .isEqualTo("FEATURE_DISABLED");
    assertThat(onB.request("bet.place", spinsB).path("code").asString())
        .isEqualTo("FEATURE_DISABLED");
    assertThat(
            onA.request(
                    "bet.place", Map.of("sessionId", sessionA, "amount", 100, "currency", "COIN"))
                .at("/payload/round")
                .asLong())
        .as("a single spin still plays")
        .isEqualTo(1);

    publishFlag("auto-spin", true, 101);
    for (WsClient c : java.util.List.of(onA, onB)) {
      c.awaitEvent(
          e ->
              "features".equals(e.path("type").asString())
                  && e.at("/payload/autoSpin").asBoolean());
    }
    assertThat(onA.request("bet.place", spinsA).at("/payload/rounds").size())
        .as("sessions opened while it was off auto-spin once it is on")
        .isEqualTo(3);
    assertThat(onB.request("bet.place", spinsB).at("/payload/rounds").size()).isEqualTo(3);
    onA.close();
    onB.close();
  }

  /** Writes a flag record to the stack's flags topic, as admin's relay does. */
  private static void publishFlag(String key, boolean enabled, long version) throws Exception {
    Properties p = new Properties();
    p.put("bootstrap.servers", stack.kafka.bootstrapServers());
    p.put("key.serializer", StringSerializer.class.getName());
    p.put("value.serializer", StringSerializer.class.getName());
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
      producer
          .send(
              new ProducerRecord<>(
                  stack.flagsTopic,
                  key,
                  new dev.croupier.flags.FlagState(key, enabled, version, Instant.now()).toJson()))
          .get(10, TimeUnit.SECONDS);
    }
  }

  /** The COIN jackpot pool's committed balance, read through the wallet's gRPC API. */
  private static long poolBalance() {
    {
      WalletGrpc.WalletBlockingStub wallet = stack.wallet.stub(ServiceNames.ADMIN);
      long pool =
          wallet
              .openAccount(
                  OpenAccountRequest.newBuilder()
                      .setCurrency("COIN")
                      .setType(AccountType.JACKPOT_POOL)
                      .build())
              .getAccount()
              .getAccountId();
      return wallet
          .getBalance(GetBalanceRequest.newBuilder().setAccountId(pool).build())
          .getBalance();
    }
  }
}
