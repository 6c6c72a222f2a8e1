package dev.croupier.gateway.ws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.croupier.devstack.KafkaBroker;
import dev.croupier.devstack.TemporalServer;
import dev.croupier.testsupport.KafkaExtension;
import dev.croupier.testsupport.PostgresDatabase;
import dev.croupier.testsupport.PostgresExtension;
import dev.croupier.testsupport.TemporalServerExtension;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/**
 * The player's own history over HTTP, against the real wallet and the workers app's game recall
 * (its runnable jar in a process): currencies and their scales, the player's entries newest first
 * and paged by cursor, the recall of their rounds; and nothing of anyone else's, whatever the
 * player sends.
 */
@ExtendWith({PostgresExtension.class, KafkaExtension.class, TemporalServerExtension.class})
class PlayerHistoryTest {
  private static WsStack stack;
  private static WsStack.Node node;
  private static RecallWorkers recall;
  private static final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void start(PostgresDatabase db, KafkaBroker kafka, TemporalServer temporal) {
    stack = new WsStack(db, kafka, temporal);
    recall = new RecallWorkers(stack, db, temporal);
    node = stack.startNode(Map.of("croupier.gateway.recall.workers-url", recall.baseUrl()));
  }

  @AfterAll
  static void stop() {
    if (recall != null) {
      recall.close();
    }
    stack.close();
  }

  @Test
  void currenciesCarryTheirScale() {
    WsStack.Player p = node.newPlayer("Scaler");
    JsonNode body = node.get("/api/currencies", p.accessToken(), 200);
    List<String> currencies = new ArrayList<>();
    body.get("currencies")
        .forEach(
            c ->
                currencies.add(
                    c.get("code").asString()
                        + "/"
                        + c.get("scale").asInt()
                        + "/"
                        + c.get("usable").asBoolean()));
    assertThat(currencies).containsExactly("CASH/2/false", "COIN/2/true");
  }

  @Test
  void theDocumentsGiveTheScalesTheWalletHas() throws Exception {
    WsStack.Player p = node.newPlayer("Reader");
    String protocol = java.nio.file.Files.readString(java.nio.file.Path.of("PROTOCOL.md"));
    String wallet =
        java.nio.file.Files.readString(java.nio.file.Path.of("../wallet-ledger/README.md"));
    for (JsonNode c : node.get("/api/currencies", p.accessToken(), 200).get("currencies")) {
      String code = c.get("code").asString();
      int scale = c.get("scale").asInt();
      assertThat(wallet)
          .contains("`" + code + "` (" + c.get("kind").asString() + ", scale " + scale);
      assertThat(protocol).containsPattern("`" + code + "`[^.]{0,40} scale " + scale + "[^0-9]");
    }
  }

  @Test
  void thePlayersEntriesComeNewestFirstPageByPageAndLinkToTheirRounds() {
    WsStack.Player p = node.newPlayer("Historian");
    String session = play(p, 3);

    List<JsonNode> entries = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      JsonNode page =
          node.get(
              "/api/me/transactions?limit=2" + (cursor == null ? "" : "&cursor=" + cursor),
              p.accessToken(),
              200);
      assertThat(page.get("currency").asString()).isEqualTo("COIN");
      assertThat(page.get("scale").asInt()).isEqualTo(2);
      page.get("entries").forEach(entries::add);
      cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asString();
      pages++;
    } while (cursor != null);

    // The welcome grant and three rounds (a round posts the stake and the win as two legs, so one
    // or two entries each), newest first, in pages of two.
    int n = entries.size();
    assertThat(n).isBetween(4, 7);
    assertThat(pages).isEqualTo((n + 1) / 2);
    assertThat(entries)
        .extracting(e -> e.get("entryId").asLong())
        .isSortedAccordingTo((a, b) -> Long.compare(b, a));
    assertThat(entries.get(n - 1).get("kind").asString()).isEqualTo("GRANT");
    assertThat(entries.get(n - 1).get("amount").asLong()).isEqualTo(100_000);
    List<Long> rounds = new ArrayList<>();
    for (JsonNode e : entries.subList(0, n - 1)) {
      assertThat(e.get("kind").asString()).isEqualTo("BET_AND_WIN");
      assertThat(e.get("sessionId").asString()).isEqualTo(session);
      if (!rounds.contains(e.get("round").asLong())) {
        rounds.add(e.get("round").asLong());
      }
    }
    assertThat(rounds).containsExactly(3L, 2L, 1L);
    // Each entry's balance follows from the one before it, and the newest is the wallet's.
    for (int i = 0; i < n - 1; i++) {
      assertThat(entries.get(i).get("balanceAfter").asLong())
          .isEqualTo(
              entries.get(i + 1).get("balanceAfter").asLong()
                  + entries.get(i).get("amount").asLong());
    }
    assertThat(entries.get(0).get("balanceAfter").asLong())
        .isEqualTo(stack.wallet.balance(p.userId()));

    // The link of an entry: its round, recalled and checked, with what verifies it.
    JsonNode round = node.get("/api/me/rounds/" + session + "/2", p.accessToken(), 200);
    assertThat(round.get("round").asLong()).isEqualTo(2);
    assertThat(round.get("userId").asString()).isEqualTo(p.userId());
    assertThat(round.get("revealedServerSeed").asString()).matches("[0-9a-f]{64}");
    assertThat(round.get("commitment").asString()).matches("[0-9a-f]{64}");
    assertThat(round.at("/outcome/spins").isArray()).isTrue();
    List<String> checks = new ArrayList<>();
    round.get("checks").forEach(c -> checks.add(c.get("name").asString() + "=" + c.get("passed")));
    assertThat(checks).contains("rng.replay=true", "ledger.balanced=true");
    assertThat(checks).noneMatch(c -> c.endsWith("=false"));
  }

  @Test
  void anotherPlayersEntriesAndRoundsAreRefusedWithACataloguedCode() throws Exception {
    WsStack.Player owner = node.newPlayer("Owner");
    WsStack.Player other = node.newPlayer("Nosy");
    String session = play(owner, 3);
    String ownersCursor =
        node.get("/api/me/transactions?limit=1", owner.accessToken(), 200)
            .get("nextCursor")
            .asString();

    // A cursor copied from the owner's history names the owner's account.
    JsonNode stolen =
        problem(
            "/api/me/transactions?limit=1&cursor="
                + URLEncoder.encode(ownersCursor, StandardCharsets.UTF_8),
            other.accessToken(),
            403);
    assertThat(stolen.get("code").asString()).isEqualTo("NOT_YOUR_ACCOUNT");
    // No parameter names an account: one the player adds is ignored, they see their own only.
    String ownerAccount =
        String.valueOf(
            stack
                .query(
                    "select id from wallet.account where owner_id = ?::uuid and type = 'PLAYER'",
                    owner.userId())
                .get(0)
                .get(0));
    JsonNode own =
        node.get(
            "/api/me/transactions?accountId=" + ownerAccount + "&account=" + ownerAccount,
            other.accessToken(),
            200);
    assertThat(own.get("entries")).hasSize(1);
    assertThat(own.at("/entries/0/kind").asString()).isEqualTo("GRANT");
    // The owner's round, asked for by someone else.
    JsonNode round = problem("/api/me/rounds/" + session + "/1", other.accessToken(), 403);
    assertThat(round.get("code").asString()).isEqualTo("NOT_YOUR_SESSION");
    assertThat(round.get("detail").asString()).doesNotContain(owner.userId());
  }

  @Test
  void badRequestsGetProblemDetailsWithACode() throws Exception {
    WsStack.Player p = node.newPlayer("Sloppy");
    String token = p.accessToken();
    assertThat(problem("/api/me/transactions?limit=0", token, 400).get("code").asString())
        .isEqualTo("VALIDATION_FAILED");
    assertThat(problem("/api/me/transactions?limit=101", token, 400).get("code").asString())
        .isEqualTo("VALIDATION_FAILED");
    assertThat(problem("/api/me/transactions?limit=ten", token, 400).get("code").asString())
        .isEqualTo("VALIDATION_FAILED");
    assertThat(problem("/api/me/transactions?cursor=%25%25", token, 400).get("code").asString())
        .isEqualTo("VALIDATION_FAILED");
    assertThat(problem("/api/me/transactions?cursor=1.!!", token, 400).get("code").asString())
        .isEqualTo("VALIDATION_FAILED");
    assertThat(problem("/api/me/transactions?currency=XYZ", token, 400).get("code").asString())
        .isEqualTo("VALIDATION_FAILED");
    assertThat(problem("/api/me/transactions?currency=lower", token, 400).get("code").asString())
        .isEqualTo("VALIDATION_FAILED");
    assertThat(
            problem("/api/me/rounds/" + java.util.UUID.randomUUID() + "/1", token, 404)
                .get("code")
                .asString())
        .isEqualTo("UNKNOWN_SESSION");
    assertThat(
            problem("/api/me/rounds/" + java.util.UUID.randomUUID() + "/0", token, 400)
                .get("code")
                .asString())
        .isEqualTo("VALIDATION_FAILED");
    assertThat(problem("/api/me/rounds/not-a-uuid/1", token, 400).get("code").asString())
        .isEqualTo("VALIDATION_FAILED");
    assertThat(problem("/api/me/transactions", null, 401).get("code").asString())
        .isEqualTo("INVALID_TOKEN");
  }

  /** Opens a slot session, plays {@code rounds} bets of 100, closes it; returns its id. */
  private static String play(WsStack.Player p, int rounds) {
    WsClient c = node.connect(p);
    try {
      String session =
          c.request("session.open", Map.of("gameId", "slot-classic"))
              .at("/payload/sessionId")
              .asString();
      for (int i = 0; i < rounds; i++) {
        JsonNode r =
            c.request("bet.place", Map.of("sessionId", session, "amount", 100, "currency", "COIN"));
        assertThat(r.path("type").asString()).isEqualTo("bet.result");
      }
      c.request("session.close", Map.of("sessionId", session));
      assertThat(c.schemaViolations).isEmpty();
      return session;
    } finally {
      c.abort();
    }
  }

  private static JsonNode problem(String path, String token, int status) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(node.http(path))).GET();
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(status);
    assertThat(r.headers().firstValue("Content-Type").orElse(""))
        .startsWith("application/problem+json");
    return WsStack.JSON.readTree(r.body());
  }
}
