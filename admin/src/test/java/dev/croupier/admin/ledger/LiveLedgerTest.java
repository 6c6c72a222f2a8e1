package dev.croupier.admin.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.croupier.admin.StaffSession;
import dev.croupier.admin.TestAdmin;
import dev.croupier.admin.staff.Role;
import dev.croupier.devstack.KafkaBroker;
import dev.croupier.testsupport.KafkaExtension;
import dev.croupier.testsupport.KafkaTopics;
import dev.croupier.testsupport.PostgresDatabase;
import dev.croupier.testsupport.PostgresExtension;
import dev.croupier.wallet.api.WalletEntryEvent;
import dev.croupier.wallet.testing.TestWallet;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The live ledger against the real wallet publishing to a real broker: the page shows the posts
 * made before it opened, the stream brings new ones as they are posted, filtered, and a viewer that
 * does not keep up misses entries (counted) without holding back anyone else.
 */
@ExtendWith({PostgresExtension.class, KafkaExtension.class})
class LiveLedgerTest {
  private static TestWallet wallet;
  private static TestAdmin admin;
  private static TestAdmin.Member root;
  private static String topic;
  private static UUID early;

  @BeforeAll
  static void start(PostgresDatabase db, KafkaBroker kafka) {
    topic = KafkaTopics.create(kafka.bootstrapServers(), "wallet.entries", 3);
    wallet = TestWallet.over(db).outbox(kafka.bootstrapServers(), topic).start();
    early = UUID.randomUUID();
    wallet.grant(early, 12_345);
    admin =
        TestAdmin.start(
            db,
            Map.of(
                "croupier.admin.kafka.bootstrap-servers",
                kafka.bootstrapServers(),
                "croupier.admin.kafka.entries-topic",
                topic));
    root = admin.bootstrapAdmin("root@example.com");
  }

  @AfterAll
  static void stop() {
    admin.close();
    wallet.close();
  }

  @Test
  void thePageShowsWhatWasPostedBeforeItOpened() {
    StaffSession s = signedIn(Role.COMPLIANCE);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> s.get("/ledger?user=" + early).body().contains("123.45 COIN"));
    String page = s.get("/ledger?user=" + early).body();
    assertThat(page).contains("GRANT").contains("/players/" + early);
    assertThat(s.get("/ledger?kind=%3Cscript%3E").statusCode()).isEqualTo(400);
  }

  @Test
  void newPostsStreamAsTheyArePostedFilteredByPlayer() throws Exception {
    StaffSession s = signedIn(Role.OPS);
    UUID watched = UUID.randomUUID();
    UUID other = UUID.randomUUID();
    List<String> events = new CopyOnWriteArrayList<>();
    HttpClient http = HttpClient.newHttpClient();
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(admin.base() + "/ledger/stream?user=" + watched))
            .header("Cookie", "CROUPIER_ADMIN=" + s.cookie("CROUPIER_ADMIN"))
            .header("Accept", "text/event-stream")
            .build();
    HttpResponse<InputStream> response =
        http.send(request, HttpResponse.BodyHandlers.ofInputStream());
    assertThat(response.statusCode()).isEqualTo(200);
    Thread reader =
        Thread.ofVirtual()
            .start(
                () -> {
                  try (BufferedReader in =
                      new BufferedReader(
                          new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = in.readLine()) != null) {
                      if (line.startsWith("data:")) {
                        events.add(line.substring(5));
                      }
                    }
                  } catch (Exception e) {
                    // The test ends the stream.
                  }
                });
    try {
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> admin.bean(LiveLedger.class).viewers() > 0);
      wallet.grant(other, 500);
      wallet.grant(watched, 777);
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> events.stream().anyMatch(e -> e.contains(watched.toString())));
      assertThat(events)
          .allMatch(e -> e.contains(watched.toString()))
          .noneMatch(e -> e.contains(other.toString()));
      assertThat(String.join("\n", events))
          .contains("\"amount\":777")
          .contains("\"kind\":\"GRANT\"");
    } finally {
      reader.interrupt();
      response.body().close();
    }
  }

  @Test
  void aViewerThatFallsBehindMissesEntriesWithoutHoldingBackAnyoneElse() throws Exception {
    LiveLedger ledger = admin.bean(LiveLedger.class);
    try (LiveLedger.Viewer slow = ledger.watch(LedgerFilter.ALL);
        LiveLedger.Viewer fast = ledger.watch(LedgerFilter.ALL)) {
      java.util.Set<String> players = java.util.concurrent.ConcurrentHashMap.newKeySet();
      java.util.Set<String> seenPlayers = new java.util.HashSet<>();
      int grants = 200;
      Thread poster =
          Thread.ofVirtual()
              .start(
                  () -> {
                    for (int i = 0; i < grants; i++) {
                      UUID player = UUID.randomUUID();
                      players.add(player.toString());
                      wallet.grant(player, 100 + i);
                    }
                  });
      // The fast viewer drains while the slow one reads nothing at all.
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while ((poster.isAlive() || !seenPlayers.containsAll(players))
          && System.nanoTime() < deadline) {
        WalletEntryEvent e = fast.next(Duration.ofMillis(200));
        if (e != null && !e.ownerId().isEmpty()) {
          seenPlayers.add(e.ownerId());
        }
      }
      poster.join();
      assertThat(players).hasSize(grants);
      assertThat(seenPlayers)
          .as("every grant's player entry reached the fast viewer")
          .containsAll(players);
      // Two entries per grant reach the slow viewer's queue of 256; the rest are counted. The fast
      // viewer stops at the last grant's player entry, so that grant's other leg may still be on
      // its way: wait for it rather than count before it arrives.
      long overflow = 2L * grants - 256;
      java.util.concurrent.atomic.AtomicLong slowDropped =
          new java.util.concurrent.atomic.AtomicLong();
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> slowDropped.addAndGet(slow.takeDropped()) >= overflow);
      await().atMost(Duration.ofSeconds(10)).until(() -> ledger.dropped() >= overflow);
      assertThat(slowDropped.get()).isLessThanOrEqualTo(2L * grants);
    }
  }

  private static StaffSession signedIn(Role role) {
    String id = UUID.randomUUID().toString().substring(0, 8);
    TestAdmin.Member m = admin.enrolled(root, id + "@example.com", "Staff " + id, role);
    StaffSession s = new StaffSession(admin.base());
    assertThat(s.signIn(m).statusCode()).isEqualTo(302);
    return s;
  }
}
