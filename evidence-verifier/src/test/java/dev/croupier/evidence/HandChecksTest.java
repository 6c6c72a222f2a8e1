package dev.croupier.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.croupier.errors.CroupierException;
import dev.croupier.games.api.GameRegistry;
import dev.croupier.games.api.RoundSeed;
import dev.croupier.games.api.table.PrivateDeal;
import dev.croupier.games.api.table.RoundEvidence;
import dev.croupier.games.api.table.SharedEvent;
import dev.croupier.games.api.table.TableFacts;
import dev.croupier.games.api.table.TableMove;
import dev.croupier.games.api.table.TableStep;
import dev.croupier.games.poker.PokerGame;
import dev.croupier.games.poker.TableConfig;
import dev.croupier.games.poker.TableState;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The verifier's checks of poker hands: a hand played by the certified plugin and recalled as the
 * workers' evidence port recalls it, in a signed bundle with the table's ledger; each tampered
 * variant (re-signed, so only the content check can catch it) is detected and named.
 */
class HandChecksTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final GameRegistry GAMES =
      GameRegistry.load(HandChecksTest.class.getClassLoader());
  private static final KeyPair KEY = EvidenceKeys.generate();
  private static final UUID TABLE = UUID.fromString("01900000-0000-7000-8000-00000000000a");
  private static final String SERVER_SEED = "cd".repeat(32);
  private static final String HAND = "hands/" + TABLE + "/1.json";
  private static final String LEDGER = "ledger/table-" + TABLE + ".json";
  private static final UUID PLAYER = UUID.fromString("01900000-0000-7000-8000-0000000000b0");
  private static final long PLAYER_ACCOUNT = 7;
  private static final Map<String, Object> HISTORY =
      Map.of(
          "events",
          List.of(Map.of("eventId", "1", "eventType", "EVENT_TYPE_WORKFLOW_EXECUTION_STARTED")));

  @Test
  void aTrueHandVerifiesItsDeckPotsAndLedger() throws Exception {
    BundleVerifier.Report report = verify(bundle(c -> {}));

    assertThat(report.valid()).as(report.findings().toString()).isTrue();
    assertThat(report.findings())
        .extracting(BundleVerifier.Finding::check)
        .contains("hand.commitment", "hand.board", "hand.holeCards", "hand.pots", "hand.ledger");
  }

  @Test
  void aHandOfAnEpochNotYetRevealedIsReportedAsSuchNotAsAFailure() throws Exception {
    BundleVerifier.Report report =
        verify(bundle(c -> ((ObjectNode) c.hand.get("deck")).putNull("serverSeed")));

    assertThat(report.valid()).as(report.findings().toString()).isTrue();
    assertThat(report.findings())
        .anySatisfy(
            f -> {
              assertThat(f.check()).isEqualTo("hand.epoch");
              assertThat(f.detail()).contains("not revealed yet");
            });
  }

  @Test
  void aFlippedHoleCardIsNamed() throws Exception {
    assertFirstDiscrepancy(
        c -> {
          ArrayNode cards = (ArrayNode) c.hand.get("seats").get(0).get("holeCards");
          cards.set(0, JSON.getNodeFactory().textNode(other(cards.get(0).asText())));
        },
        "hand.holeCards");
  }

  @Test
  void aChangedBoardCardIsNamed() throws Exception {
    assertFirstDiscrepancy(
        c -> {
          ArrayNode board = (ArrayNode) c.hand.get("board");
          board.set(0, JSON.getNodeFactory().textNode(other(board.get(0).asText())));
        },
        "hand.board");
  }

  @Test
  void aChangedPotAwardIsNamed() throws Exception {
    assertFirstDiscrepancy(
        c -> {
          ObjectNode award = (ObjectNode) c.hand.get("pots").get(0).get("awards").get(0);
          award.put("amount", award.get("amount").asLong() + 1);
        },
        "hand.pots");
  }

  @Test
  void aChangedRakeInTheLedgerIsNamed() throws Exception {
    assertFirstDiscrepancy(
        c -> {
          ArrayNode entries = (ArrayNode) c.ledger.get(0).get("entries");
          ((ObjectNode) entries.get(0)).put("amount", entries.get(0).get("amount").asLong() - 1);
          ((ObjectNode) entries.get(1)).put("amount", entries.get(1).get("amount").asLong() + 1);
        },
        "hand.ledger");
  }

  @Test
  void aMissingRakeTransactionIsNamed() throws Exception {
    assertFirstDiscrepancy(c -> c.ledger.removeAll(), "hand.ledger");
  }

  @Test
  void aCommitmentThatDoesNotMatchTheSeedIsNamed() throws Exception {
    assertFirstDiscrepancy(
        c -> ((ObjectNode) c.hand.get("deck")).put("commitment", sha256("ef".repeat(32))),
        "hand.commitment");
  }

  @Test
  void aHandFiledUnderAnotherNumberIsNamed() throws Exception {
    assertFirstDiscrepancy(c -> c.hand.put("handNumber", 2), "hand.path");
  }

  @Test
  void aPlayersBundleHoldsTheHandsTheirBuyInSeatedThemIn() throws Exception {
    BundleVerifier.Report report = verify(bundle(Contents::asPlayerBundle));

    assertThat(report.valid()).as(report.findings().toString()).isTrue();
    assertThat(report.findings())
        .filteredOn(f -> f.check().equals("scope.hand"))
        .singleElement()
        .satisfies(f -> assertThat(f.detail()).contains("hand 1: player " + PLAYER + " sat in"));
    assertThat(report.findings())
        .extracting(BundleVerifier.Finding::check)
        .contains("hand.commitment", "hand.holeCards", "hand.ledger");
  }

  @Test
  void aHandOfAnotherPlayerInAPlayersBundleIsNamed() throws Exception {
    // The player's only buy-in is at seat 7, where no one was dealt in.
    BundleVerifier.Report report =
        verify(
            bundle(
                c -> {
                  c.asPlayerBundle();
                  ((ObjectNode) c.ledger.get(1))
                      .put("idempotencyKey", "table-" + TABLE + "/seat-7/buyin-1");
                }));

    assertThat(report.valid()).isFalse();
    assertThat(report.firstDiscrepancy())
        .get()
        .satisfies(
            f -> {
              assertThat(f.check()).isEqualTo("scope.hand");
              assertThat(f.detail()).contains("hand 1 is not player " + PLAYER + "'s");
            });
  }

  @Test
  void aHandAfterThePlayerCashedOutIsNamed() throws Exception {
    assertFirstDiscrepancy(
        c -> {
          c.asPlayerBundle();
          c.ledger.add(
              transfer(5003, "table-" + TABLE + "/seat-0/cashout-1", 0, PLAYER_ACCOUNT, 90, 500));
        },
        "scope.hand");
  }

  @Test
  void aPlayersHandsWithoutTheTablesHistoryOrPlayerFileAreNamed() throws Exception {
    assertFirstDiscrepancy(
        c -> {
          c.asPlayerBundle();
          c.tableHistory = false;
        },
        "scope.hand");
    assertFirstDiscrepancy(
        c -> {
          c.asPlayerBundle();
          c.player = null;
        },
        "scope.hand");
  }

  @Test
  void anotherTablesHistoryInAPlayersBundleIsNamed() throws Exception {
    assertFirstDiscrepancy(
        c -> {
          c.asPlayerBundle();
          c.otherTableHistory = true;
        },
        "scope.foreign");
  }

  private static void assertFirstDiscrepancy(Consumer<Contents> change, String check)
      throws Exception {
    BundleVerifier.Report report = verify(bundle(change));
    assertThat(report.valid()).isFalse();
    assertThat(report.firstDiscrepancy())
        .get()
        .satisfies(f -> assertThat(f.check()).as(f.toString()).isEqualTo(check));
  }

  /** The parts of the bundle a test may change before it is signed. */
  private static final class Contents {
    ObjectNode hand;
    ArrayNode ledger;
    Map<String, Object> scope =
        Map.of(
            "kind",
            "table",
            "tableId",
            TABLE.toString(),
            "from",
            "2026-12-07T00:00:00Z",
            "to",
            "2026-12-08T00:00:00Z");
    ObjectNode player;
    boolean tableHistory;
    boolean otherTableHistory;

    /**
     * The same hand in a bundle of {@link #PLAYER} (no session), who bought in at seat 0 before it
     * ({@code hand} 0), with the table's history and {@code player.json}.
     */
    void asPlayerBundle() {
      scope =
          Map.of(
              "kind",
              "player",
              "playerId",
              PLAYER.toString(),
              "from",
              "2026-12-07T00:00:00Z",
              "to",
              "2026-12-08T00:00:00Z",
              "sessions",
              List.of());
      player = JSON.valueToTree(Map.of("playerId", PLAYER.toString(), "accounts", List.of(7)));
      ledger.add(transfer(5002, "table-" + TABLE + "/seat-0/buyin-1", 0, 90, PLAYER_ACCOUNT, 500));
      tableHistory = true;
    }
  }

  /** A buy-in or cash-out as admin writes it into a player bundle's table ledger. */
  private static ObjectNode transfer(
      long id, String key, long hand, long fromAccount, long toAccount, long amount) {
    Map<String, Object> t = new LinkedHashMap<>();
    t.put("transactionId", id);
    t.put("idempotencyKey", key);
    t.put("hand", hand);
    t.put(
        "entries",
        List.of(
            Map.of("accountId", fromAccount, "currency", "COIN", "amount", -amount),
            Map.of("accountId", toAccount, "currency", "COIN", "amount", amount)));
    return JSON.valueToTree(t);
  }

  private static byte[] bundle(Consumer<Contents> change) throws Exception {
    Contents c = new Contents();
    Map<String, Object> hand = new LinkedHashMap<>(playAndRecall());
    long rake = ((Number) ((Map<?, ?>) hand.get("rake")).get("recorded")).longValue();
    assertThat(rake).isPositive();
    Map<String, Object> transaction = new LinkedHashMap<>();
    transaction.put("transactionId", 5001);
    transaction.put("idempotencyKey", "table-" + TABLE + "/hand-1/rake");
    transaction.put(
        "entries",
        List.of(
            Map.of("accountId", 90, "currency", "COIN", "amount", -rake),
            Map.of("accountId", 1, "currency", "COIN", "amount", rake)));
    hand.put("startedAt", "2026-12-07T20:00:00Z");
    hand.put("ledgerTransactions", List.of(transaction));
    c.hand = JSON.valueToTree(hand);
    c.ledger = JSON.valueToTree(List.of(transaction));
    change.accept(c);
    BundleWriter w = new BundleWriter();
    w.addJson(HAND, c.hand);
    w.addJson(LEDGER, c.ledger);
    if (c.player != null) {
      w.addJson("player.json", c.player);
    }
    if (c.tableHistory) {
      w.addJson("histories/table-" + TABLE + "/run-1.json", HISTORY);
    }
    if (c.otherTableHistory) {
      w.addJson("histories/table-" + UUID.randomUUID() + "/run-1.json", HISTORY);
    }
    w.addJson(
        "games.json",
        List.of(
            Map.of(
                "game",
                PokerGame.REF.toString(),
                "contentHash",
                GAMES.find(PokerGame.REF).descriptor().contentHash())));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    w.write(out, c.scope, KEY, Instant.EPOCH);
    return out.toByteArray();
  }

  /** Three seats call a hand down on the certified plugin; the plugin recalls it from records. */
  private static Map<String, Object> playAndRecall() {
    PokerGame game = new PokerGame();
    TableState state =
        game.newTable(PokerGame.config(new TableConfig("COIN", 3, 5, 10, 100, 1_000, 500, 30)));
    List<SharedEvent> events = new ArrayList<>();
    List<PrivateDeal> deals = new ArrayList<>();
    List<RoundEvidence.RecordedMove> moves = new ArrayList<>();
    for (int seat = 0; seat < 3; seat++) {
      state = game.apply(state, seat, "p" + seat, TableMove.sit("p" + seat, 500)).state();
    }
    String clientSeed = "table-" + TABLE;
    TableStep<TableState> step = game.startRound(state, new RoundSeed(SERVER_SEED, clientSeed, 1));
    events.addAll(step.events());
    deals.addAll(step.deals());
    state = step.state();
    while (game.facts(state).roundRunning()) {
      TableFacts facts = game.facts(state);
      int seat = facts.toAct();
      TableMove move = TableMove.of("call");
      try {
        step = game.apply(state, seat, "p" + seat, move);
      } catch (CroupierException cannotCall) {
        move = TableMove.of("check");
        step = game.apply(state, seat, "p" + seat, move);
      }
      moves.add(new RoundEvidence.RecordedMove(seat, move.toJson()));
      events.addAll(step.events());
      state = step.state();
    }
    long rake = game.facts(state).totalRake();
    return game.recall(
            new RoundEvidence(
                TABLE,
                1,
                events,
                new RoundEvidence.Epoch(1, sha256(SERVER_SEED), clientSeed, SERVER_SEED),
                deals,
                rake,
                moves))
        .orElseThrow();
  }

  private static BundleVerifier.Report verify(byte[] zip) throws Exception {
    return new BundleVerifier(GAMES)
        .verify(new ByteArrayInputStream(zip), Optional.of(KEY.getPublic()));
  }

  /** Another card of the same rank. */
  private static String other(String card) {
    char suit = card.charAt(1);
    return card.charAt(0) + (suit == 's' ? "h" : "s");
  }

  private static String sha256(String hex) {
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("SHA-256").digest(HexFormat.of().parseHex(hex)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
