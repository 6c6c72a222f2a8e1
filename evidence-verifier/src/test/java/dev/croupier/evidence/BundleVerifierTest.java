package dev.croupier.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.croupier.games.api.GameRef;
import dev.croupier.games.api.GameRegistry;
import dev.croupier.games.api.RoundResult;
import dev.croupier.games.api.RoundSeed;
import dev.croupier.games.api.Wager;
import dev.croupier.games.rng.Verifier;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The offline verifier against bundles built with the real slot game's rounds and a history the
 * suite recorded: a true bundle verifies; one flipped byte in any kind of file, a removed or moved
 * history event, an unbalanced transaction, a round whose outcome or ledger amount differs from its
 * proof, another signer, and a file added or removed are each named as the first discrepancy.
 */
class BundleVerifierTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final GameRegistry GAMES =
      GameRegistry.load(BundleVerifierTest.class.getClassLoader());
  private static final GameRef SLOT = new GameRef("slot-classic", "1.0.0");
  private static final Path HISTORY =
      Path.of("../workflow-client/src/test/resources/histories/session-crash-interrupted.json");
  private static final KeyPair KEY = EvidenceKeys.generate();
  private static final UUID SESSION = UUID.fromString("01900000-0000-7000-8000-000000000001");
  private static final UUID SESSION_2 = UUID.fromString("01900000-0000-7000-8000-000000000002");
  private static final UUID PLAYER = UUID.fromString("01900000-0000-7000-8000-0000000000aa");
  private static final String HISTORY_PATH =
      "histories/session-01900000-0000-7000-8000-000000000001/run-1.json";

  @Test
  void aTrueBundleVerifiesWithThePinnedKey() throws Exception {
    BundleVerifier.Report report = verify(bundle(c -> {}), Optional.of(KEY.getPublic()));
    assertThat(report.firstDiscrepancy()).isEmpty();
    assertThat(report.findings())
        .extracting(BundleVerifier.Finding::check)
        .contains(
            "signature",
            "sha256",
            "history.events",
            "ledger.balanced",
            "round.commitment",
            "round.outcome",
            "round.ledger",
            "game.certified",
            "replay");
    assertThat(report.findings().stream().filter(f -> f.check().equals("round.outcome")))
        .hasSize(3);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        HISTORY_PATH,
        "rounds/01900000-0000-7000-8000-000000000001.json",
        "ledger/01900000-0000-7000-8000-000000000001.json",
        "games.json",
        "replay.json",
        "manifest.json",
        "manifest.sig"
      })
  void oneFlippedByteInAnyFileIsNamed(String path) throws Exception {
    byte[] tampered = rewrite(bundle(c -> {}), path, b -> b[b.length / 2] ^= 0x01);
    BundleVerifier.Finding first =
        verify(tampered, Optional.empty()).firstDiscrepancy().orElseThrow();
    if (path.startsWith("manifest")) {
      assertThat(first.check()).isIn("signature", "manifest");
    } else {
      assertThat(first.check()).isEqualTo("sha256");
      assertThat(first.detail()).startsWith(path);
    }
  }

  @Test
  void aRemovedOrMovedHistoryEventIsNamedEvenWhenReSigned() throws Exception {
    BundleVerifier.Finding removed =
        verify(bundle(c -> c.events.remove(5)), Optional.empty()).firstDiscrepancy().orElseThrow();
    assertThat(removed.check()).isEqualTo("history.events");
    assertThat(removed.detail()).contains("event 6 expected, event 7 found");

    BundleVerifier.Finding moved =
        verify(
                bundle(
                    c -> {
                      var e = c.events.remove(3);
                      c.events.insert(8, e);
                    }),
                Optional.empty())
            .firstDiscrepancy()
            .orElseThrow();
    assertThat(moved.check()).isEqualTo("history.events");
    assertThat(moved.detail()).contains("event 4 expected, event 5 found");
  }

  @Test
  void aRemovedHistoryEventIsAHashMismatchWhenNotReSigned() throws Exception {
    byte[] tampered =
        rewrite(
            bundle(c -> {}),
            HISTORY_PATH,
            null,
            b -> {
              ObjectNode doc = (ObjectNode) JSON.readTree(b);
              ((ArrayNode) doc.get("events")).remove(2);
              return JSON.writeValueAsBytes(doc);
            });
    BundleVerifier.Finding first =
        verify(tampered, Optional.empty()).firstDiscrepancy().orElseThrow();
    assertThat(first.check()).isEqualTo("sha256");
    assertThat(first.detail()).startsWith(HISTORY_PATH);
  }

  @Test
  void anUnbalancedTransactionIsNamed() throws Exception {
    BundleVerifier.Finding first =
        verify(
                bundle(
                    c -> ((ObjectNode) c.ledger.get(1).get("entries").get(1)).put("amount", 999)),
                Optional.empty())
            .firstDiscrepancy()
            .orElseThrow();
    assertThat(first.check()).isEqualTo("ledger.balanced");
    assertThat(first.detail()).contains("transaction 1002");
  }

  @Test
  void aRoundWhoseOutcomeDiffersFromItsProofIsNamed() throws Exception {
    BundleVerifier.Finding first =
        verify(
                bundle(
                    c -> {
                      ObjectNode r = (ObjectNode) c.rounds.get(2);
                      r.put("totalWin", r.get("totalWin").asLong() + 500);
                    }),
                Optional.empty())
            .firstDiscrepancy()
            .orElseThrow();
    assertThat(first.check()).isEqualTo("round.outcome");
    assertThat(first.detail()).contains(SESSION + " round 3");
  }

  @Test
  void aLedgerAmountThatIsNotTheOutcomeIsNamed() throws Exception {
    BundleVerifier.Finding first =
        verify(
                bundle(
                    c -> {
                      // Balanced, but the player was charged more than the stake.
                      ArrayNode entries = (ArrayNode) c.ledger.get(0).get("entries");
                      ((ObjectNode) entries.get(0)).put("amount", -300);
                      ((ObjectNode) entries.get(1)).put("amount", 300);
                    }),
                Optional.empty())
            .firstDiscrepancy()
            .orElseThrow();
    assertThat(first.check()).isEqualTo("round.ledger");
    assertThat(first.detail()).contains("round 1", "ledger stake 300", "outcome stake 200");
  }

  @Test
  void aSeedThatIsNotTheCommittedOneIsNamed() throws Exception {
    BundleVerifier.Finding first =
        verify(
                bundle(c -> ((ObjectNode) c.rounds.get(0)).put("commitment", "00".repeat(32))),
                Optional.empty())
            .firstDiscrepancy()
            .orElseThrow();
    assertThat(first.check()).isEqualTo("round.commitment");
  }

  @Test
  void aFailedReplayCheckIsNamed() throws Exception {
    BundleVerifier.Finding first =
        verify(
                bundle(
                    c -> {
                      ObjectNode run = (ObjectNode) c.replay.get("runs").get(0);
                      run.put("passed", false).put("detail", "nondeterministic: command mismatch");
                    }),
                Optional.empty())
            .firstDiscrepancy()
            .orElseThrow();
    assertThat(first.check()).isEqualTo("replay");
    assertThat(first.detail()).contains("command mismatch");
  }

  @Test
  void anotherSignerOrAnAddedOrRemovedFileIsNamed() throws Exception {
    byte[] good = bundle(c -> {});
    BundleVerifier.Finding other =
        verify(good, Optional.of(EvidenceKeys.generate().getPublic()))
            .firstDiscrepancy()
            .orElseThrow();
    assertThat(other.check()).isEqualTo("signature");
    assertThat(other.detail()).contains("not the pinned");

    BundleVerifier.Finding added =
        verify(rewrite(good, null, "extra.json", b -> b), Optional.empty())
            .firstDiscrepancy()
            .orElseThrow();
    assertThat(added.check()).isEqualTo("file.unlisted");
    assertThat(added.detail()).startsWith("extra.json");

    BundleVerifier.Finding removed =
        verify(rewrite(good, "games.json", null, b -> null), Optional.empty())
            .firstDiscrepancy()
            .orElseThrow();
    assertThat(removed.check()).isEqualTo("file.missing");
    assertThat(removed.detail()).startsWith("games.json");
  }

  @Test
  void aPlayerBundleOfSeveralSessionsVerifies() throws Exception {
    BundleVerifier.Report report =
        verify(
            playerBundle(List.of(SESSION, SESSION_2), List.of(SESSION, SESSION_2), PLAYER),
            Optional.of(KEY.getPublic()));
    assertThat(report.firstDiscrepancy()).as(report.findings().toString()).isEmpty();
    assertThat(report.findings().stream().filter(f -> f.check().equals("scope.session")))
        .hasSize(2);
    assertThat(report.findings().stream().filter(f -> f.check().equals("round.outcome")))
        .hasSize(6);
    assertThat(report.findings().stream().filter(f -> f.check().equals("scope.player"))).hasSize(2);
  }

  @Test
  void aSessionOfTheScopeWhoseFilesWereRemovedIsNamedEvenWhenReSigned() throws Exception {
    BundleVerifier.Finding first =
        verify(
                playerBundle(List.of(SESSION, SESSION_2), List.of(SESSION), PLAYER),
                Optional.empty())
            .firstDiscrepancy()
            .orElseThrow();
    assertThat(first.check()).isEqualTo("scope.session");
    assertThat(first.detail()).startsWith(SESSION_2 + " is in the scope but rounds/" + SESSION_2);
  }

  @Test
  void aSessionOutsideTheScopeOrAnotherPlayersRoundIsNamed() throws Exception {
    BundleVerifier.Finding foreign =
        verify(
                playerBundle(List.of(SESSION), List.of(SESSION, SESSION_2), PLAYER),
                Optional.empty())
            .firstDiscrepancy()
            .orElseThrow();
    assertThat(foreign.check()).isEqualTo("scope.foreign");
    assertThat(foreign.detail()).contains(SESSION_2.toString());

    BundleVerifier.Finding other =
        verify(
                playerBundle(List.of(SESSION), List.of(SESSION), UUID.randomUUID()),
                Optional.empty())
            .firstDiscrepancy()
            .orElseThrow();
    assertThat(other.check()).isEqualTo("scope.player");
    assertThat(other.detail()).contains(SESSION + " round 1 is player ");
  }

  @Test
  void anUnknownScopeIsNamed() throws Exception {
    ByteArrayOutputStream zip = new ByteArrayOutputStream();
    new BundleWriter()
        .add("a.json", "{}".getBytes())
        .write(zip, Map.of("kind", "casino"), KEY, Instant.EPOCH);
    BundleVerifier.Finding first =
        verify(zip.toByteArray(), Optional.empty()).firstDiscrepancy().orElseThrow();
    assertThat(first.check()).isEqualTo("scope");
    assertThat(first.detail()).contains("unknown scope kind 'casino'");
  }

  @Test
  void theCommandExitsZeroForATrueBundleAndOneNamingTheDiscrepancy(@TempDir Path dir)
      throws Exception {
    Path good = dir.resolve("good.zip");
    Files.write(good, bundle(c -> {}));
    Path bad = dir.resolve("bad.zip");
    Files.write(bad, rewrite(bundle(c -> {}), "games.json", b -> b[3] ^= 0x20));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
    String pin = "--public-key=" + EvidenceKeys.encodePublic(KEY.getPublic());
    assertThat(VerifyCommand.run(new String[] {good.toString(), pin}, print, print)).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("VALID");
    out.reset();
    assertThat(VerifyCommand.run(new String[] {bad.toString()}, print, print)).isEqualTo(1);
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("DISCREPANCY sha256: games.json");
    assertThat(VerifyCommand.run(new String[] {dir.resolve("none.zip").toString()}, print, print))
        .isEqualTo(2);
  }

  @Test
  void aKeyFileRoundTripsAndSignsForItsPublicHalf(@TempDir Path dir) throws Exception {
    KeyPair written = EvidenceKeys.writeNew(dir.resolve("evidence-signing.key"));
    KeyPair read = EvidenceKeys.read(dir.resolve("evidence-signing.key"));
    assertThat(read.getPublic()).isEqualTo(written.getPublic());
    assertThat(Files.getPosixFilePermissions(dir.resolve("evidence-signing.key"))).hasSize(2);
    ByteArrayOutputStream zip = new ByteArrayOutputStream();
    new BundleWriter()
        .add("a.json", "{}".getBytes())
        .write(
            zip,
            Map.of(
                "kind",
                "table",
                "tableId",
                "t-1",
                "from",
                "2026-12-01T00:00:00Z",
                "to",
                "2026-12-02T00:00:00Z"),
            read,
            Instant.EPOCH);
    assertThat(verify(zip.toByteArray(), Optional.of(written.getPublic())).valid()).isTrue();
  }

  /** The parts of a bundle a test may change before it is signed. */
  private static final class Contents {
    ObjectNode history;
    ArrayNode events;
    ArrayNode rounds = JSON.createArrayNode();
    ArrayNode ledger = JSON.createArrayNode();
    ObjectNode replay = JSON.createObjectNode();
  }

  private static byte[] bundle(Consumer<Contents> change) throws Exception {
    Contents c = contents(SESSION, null);
    change.accept(c);
    BundleWriter w = new BundleWriter();
    add(w, SESSION, c);
    w.addJson("games.json", games());
    w.addJson("replay.json", c.replay);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    w.write(out, Map.of("kind", "session", "sessionId", SESSION.toString()), KEY, Instant.EPOCH);
    return out.toByteArray();
  }

  /**
   * A player's bundle whose manifest lists {@code listed} and which holds the files of {@code
   * present}, each session's rounds played by {@code owner}.
   */
  private static byte[] playerBundle(List<UUID> listed, List<UUID> present, UUID owner)
      throws Exception {
    BundleWriter w = new BundleWriter();
    ArrayNode runs = JSON.createArrayNode();
    for (UUID session : present) {
      Contents c = contents(session, owner.toString());
      add(w, session, c);
      runs.addAll((ArrayNode) c.replay.get("runs"));
    }
    w.addJson("games.json", games());
    w.addJson("replay.json", Map.of("against", "test", "runs", runs));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    w.write(
        out,
        Map.of(
            "kind",
            "player",
            "playerId",
            PLAYER.toString(),
            "from",
            "2026-12-01T00:00:00Z",
            "to",
            "2026-12-08T00:00:00Z",
            "sessions",
            listed.stream().map(UUID::toString).toList()),
        KEY,
        Instant.EPOCH);
    return out.toByteArray();
  }

  private static List<Map<String, String>> games() {
    return List.of(
        Map.of(
            "game", SLOT.toString(), "contentHash", GAMES.find(SLOT).descriptor().contentHash()));
  }

  private static void add(BundleWriter w, UUID session, Contents c) throws Exception {
    w.add("histories/session-" + session + "/run-1.json", JSON.writeValueAsBytes(c.history));
    w.addJson("rounds/" + session + ".json", c.rounds);
    w.addJson("ledger/" + session + ".json", c.ledger);
  }

  /** Three closed rounds of {@code session}, their ledger and replay, the recorded history. */
  private static Contents contents(UUID session, String userId) throws Exception {
    Contents c = new Contents();
    c.history = (ObjectNode) JSON.readTree(Files.readAllBytes(HISTORY));
    c.events = (ArrayNode) c.history.get("events");
    String serverSeed = "ab".repeat(32);
    String commitment =
        HexFormat.of()
            .formatHex(
                MessageDigest.getInstance("SHA-256").digest(HexFormat.of().parseHex(serverSeed)));
    // Transaction ids unique across the sessions of one bundle.
    long base = 1000 + 100L * ((session.getLeastSignificantBits() & 0xff) - 1);
    for (int n = 1; n <= 3; n++) {
      RoundResult result =
          Verifier.replay(
              GAMES, SLOT, new Wager(200, Wager.COIN), new RoundSeed(serverSeed, "client", n));
      Map<String, Object> round = new LinkedHashMap<>();
      round.put("sessionId", session.toString());
      round.put("round", n);
      if (userId != null) {
        round.put("userId", userId);
      }
      round.put("game", SLOT.toString());
      round.put("stake", 200);
      round.put("currency", "COIN");
      round.put("commitment", commitment);
      round.put("clientSeed", "client");
      round.put("nonce", n);
      round.put("revealedServerSeed", serverSeed);
      round.put("outcome", result.outcome());
      round.put("totalWin", result.totalWin());
      round.put("jackpotHit", result.jackpotHit());
      round.put("ledgerTransactionId", base + n);
      c.rounds.add(JSON.valueToTree(round));
      List<Map<String, Object>> entries = new ArrayList<>();
      entries.add(Map.of("accountId", 7, "currency", "COIN", "amount", -200));
      entries.add(Map.of("accountId", 1, "currency", "COIN", "amount", 200));
      if (result.totalWin() > 0) {
        entries.add(Map.of("accountId", 1, "currency", "COIN", "amount", -result.totalWin()));
        entries.add(Map.of("accountId", 7, "currency", "COIN", "amount", result.totalWin()));
      }
      c.ledger.add(
          JSON.valueToTree(
              Map.of(
                  "transactionId", base + n,
                  "idempotencyKey", "session-" + session + "/round-" + n,
                  "entries", entries)));
    }
    c.replay.set(
        "runs",
        JSON.valueToTree(
            List.of(
                Map.of(
                    "workflowId",
                    "session-" + session,
                    "runId",
                    "run-1",
                    "passed",
                    true,
                    "detail",
                    "replayed"))));
    return c;
  }

  private static BundleVerifier.Report verify(byte[] zip, Optional<java.security.PublicKey> pin)
      throws Exception {
    return new BundleVerifier(GAMES).verify(new ByteArrayInputStream(zip), pin);
  }

  private interface Bytes {
    void change(byte[] b);
  }

  private interface Rewrite {
    byte[] apply(byte[] b) throws Exception;
  }

  private static byte[] rewrite(byte[] zip, String path, Bytes change) throws Exception {
    return rewrite(
        zip,
        path,
        null,
        b -> {
          change.change(b);
          return b;
        });
  }

  /** Copies the zip, changing (or dropping, when the rewrite gives null) one file or adding one. */
  private static byte[] rewrite(byte[] zip, String path, String add, Rewrite rewrite)
      throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip));
        ZipOutputStream z = new ZipOutputStream(out)) {
      ZipEntry e;
      while ((e = in.getNextEntry()) != null) {
        byte[] b = in.readAllBytes();
        if (e.getName().equals(path)) {
          b = rewrite.apply(b);
          if (b == null) {
            continue;
          }
        }
        z.putNextEntry(new ZipEntry(e.getName()));
        z.write(b);
        z.closeEntry();
      }
      if (add != null) {
        z.putNextEntry(new ZipEntry(add));
        z.write("{}".getBytes());
        z.closeEntry();
      }
    }
    return out.toByteArray();
  }
}
