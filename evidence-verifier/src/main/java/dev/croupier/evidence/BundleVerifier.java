package dev.croupier.evidence;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.croupier.errors.CroupierException;
import dev.croupier.games.api.GameRef;
import dev.croupier.games.api.GameRegistry;
import dev.croupier.games.api.RoundSeed;
import dev.croupier.games.api.Wager;
import dev.croupier.games.rng.Verifier;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Checks an evidence bundle with nothing but the bundle, the certified game plugins on the class
 * path and, optionally, the export key an auditor pinned: the manifest's signature, every file's
 * SHA-256 (and that no file is missing or added), every history's events in order from 1, every
 * ledger transaction summing to zero per currency, every round recomputed from its proof (the
 * revealed seed against the commitment, the outcome replayed with the certified game), the ledger
 * amounts against the outcomes, the games' content hashes, and the replay check the export ran.
 * Stateless and pure; needs no database or network.
 */
public final class BundleVerifier {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.USE_LONG_FOR_INTS);
  private static final long MAX_FILE = 256L * 1024 * 1024;

  private final GameRegistry games;

  public BundleVerifier(GameRegistry games) {
    this.games = games;
  }

  /** One check and its verdict. */
  public record Finding(String check, boolean passed, String detail) {
    @Override
    public String toString() {
      return (passed ? "ok    " : "FAILED") + " " + check + ": " + detail;
    }
  }

  /** Every finding, in the order checked. */
  public record Report(List<Finding> findings) {
    /** Whether every check passed. */
    public boolean valid() {
      return findings.stream().allMatch(Finding::passed);
    }

    /** The first check that failed, if any. */
    public Optional<Finding> firstDiscrepancy() {
      return findings.stream().filter(f -> !f.passed()).findFirst();
    }
  }

  /**
   * Verifies the bundle at {@code zip}.
   *
   * @param pinned the export key the auditor expects, or empty to accept the manifest's key (the
   *     report then says which key signed)
   * @throws IOException when the file cannot be read as a zip
   */
  public Report verify(Path zip, Optional<PublicKey> pinned) throws IOException {
    try (InputStream in = Files.newInputStream(zip)) {
      return verify(in, pinned);
    }
  }

  /** As {@link #verify(Path, Optional)}, from a stream. */
  public Report verify(InputStream bundle, Optional<PublicKey> pinned) throws IOException {
    List<Finding> out = new ArrayList<>();
    Map<String, byte[]> files = new LinkedHashMap<>();
    try (ZipInputStream zip = new ZipInputStream(bundle)) {
      ZipEntry e;
      while ((e = zip.getNextEntry()) != null) {
        if (e.isDirectory()) {
          continue;
        }
        if (files.containsKey(e.getName())) {
          out.add(new Finding("file.duplicate", false, e.getName() + " appears twice"));
        }
        files.put(e.getName(), read(zip, e.getName()));
      }
    }
    byte[] manifestBytes = files.remove(BundleWriter.MANIFEST);
    byte[] signatureBytes = files.remove(BundleWriter.SIGNATURE);
    if (manifestBytes == null || signatureBytes == null) {
      out.add(new Finding("manifest", false, "manifest.json or manifest.sig is missing"));
      return new Report(out);
    }
    JsonNode manifest;
    try {
      manifest = JSON.readTree(manifestBytes);
    } catch (IOException bad) {
      out.add(new Finding("manifest", false, "manifest.json is not JSON"));
      return new Report(out);
    }
    if (!BundleWriter.FORMAT.equals(manifest.path("format").asText())) {
      out.add(
          new Finding(
              "manifest", false, "unknown format '" + manifest.path("format").asText() + "'"));
      return new Report(out);
    }

    // 1. The signature, with the manifest's key, which must be the pinned one if one was given.
    PublicKey key;
    try {
      key = EvidenceKeys.decodePublic(manifest.path("publicKey").asText());
    } catch (IllegalArgumentException bad) {
      out.add(new Finding("signature", false, "the manifest's publicKey is unusable"));
      return new Report(out);
    }
    if (pinned.isPresent() && !pinned.get().equals(key)) {
      out.add(
          new Finding(
              "signature",
              false,
              "signed by key "
                  + EvidenceKeys.fingerprint(key)
                  + ", not the pinned "
                  + EvidenceKeys.fingerprint(pinned.get())));
      return new Report(out);
    }
    boolean signed;
    try {
      Signature s = Signature.getInstance("Ed25519");
      s.initVerify(key);
      s.update(manifestBytes);
      signed =
          s.verify(
              Base64.getDecoder()
                  .decode(new String(signatureBytes, StandardCharsets.US_ASCII).strip()));
    } catch (GeneralSecurityException | IllegalArgumentException bad) {
      signed = false;
    }
    out.add(
        new Finding(
            "signature",
            signed,
            (signed ? "manifest signed by key " : "manifest.sig does not verify with key ")
                + EvidenceKeys.fingerprint(key)
                + (pinned.isPresent()
                    ? " (pinned)"
                    : " (not pinned: compare it with the" + " platform's published key)")));
    if (!signed) {
      return new Report(out);
    }

    // 2. Every file listed, present and of its hash; nothing unlisted.
    Map<String, String> listed = new LinkedHashMap<>();
    for (JsonNode f : manifest.path("files")) {
      listed.put(f.path("path").asText(), f.path("sha256").asText());
    }
    for (Map.Entry<String, String> f : listed.entrySet()) {
      byte[] content = files.get(f.getKey());
      if (content == null) {
        out.add(new Finding("file.missing", false, f.getKey() + " is listed but absent"));
        continue;
      }
      String actual = EvidenceKeys.Hashes.sha256(content);
      out.add(
          new Finding(
              "sha256",
              actual.equals(f.getValue()),
              f.getKey() + (actual.equals(f.getValue()) ? "" : " hashes to " + actual)));
    }
    for (String present : files.keySet()) {
      if (!listed.containsKey(present)) {
        out.add(new Finding("file.unlisted", false, present + " is not in the manifest"));
      }
    }
    if (out.stream().anyMatch(f -> !f.passed())) {
      return new Report(out);
    }

    // 3. The contents, now known to be what the platform signed: first, all of the scope.
    out.addAll(ScopeChecks.check(manifest.path("scope"), files, JSON));
    Map<Long, JsonNode> transactions = new HashMap<>();
    TreeMap<String, byte[]> sorted = new TreeMap<>(files);
    for (Map.Entry<String, byte[]> f : sorted.entrySet()) {
      JsonNode doc;
      try {
        doc = JSON.readTree(f.getValue());
      } catch (IOException bad) {
        out.add(new Finding("json", false, f.getKey() + " is not JSON"));
        continue;
      }
      if (f.getKey().startsWith("histories/")) {
        out.add(history(f.getKey(), doc));
      } else if (f.getKey().startsWith("ledger/")) {
        for (JsonNode t : doc) {
          transactions.put(t.path("transactionId").asLong(), t);
          out.add(balanced(f.getKey(), t));
        }
      } else if (f.getKey().equals("games.json")) {
        for (JsonNode g : doc) {
          out.add(certified(g));
        }
      } else if (f.getKey().equals("replay.json")) {
        for (JsonNode run : doc.path("runs")) {
          out.add(
              new Finding(
                  "replay",
                  run.path("passed").asBoolean(false),
                  run.path("workflowId").asText()
                      + " run "
                      + run.path("runId").asText()
                      + ": "
                      + run.path("detail").asText()));
        }
      }
    }
    for (Map.Entry<String, byte[]> f : sorted.entrySet()) {
      if (f.getKey().startsWith("rounds/")) {
        for (JsonNode round : JSON.readTree(f.getValue())) {
          rounds(round, transactions, out);
        }
      }
    }
    out.addAll(HandChecks.check(sorted));
    return new Report(out);
  }

  /** Events numbered 1, 2, 3 … in order, starting with the workflow's start. */
  private static Finding history(String path, JsonNode doc) {
    JsonNode events = doc.path("events");
    if (!events.isArray() || events.isEmpty()) {
      return new Finding("history.events", false, path + " has no events");
    }
    long expected = 1;
    for (JsonNode e : events) {
      long id = e.path("eventId").asLong(-1);
      if (id != expected) {
        return new Finding(
            "history.events",
            false,
            path + ": event " + expected + " expected, event " + id + " found (removed or moved)");
      }
      expected++;
    }
    String first = events.get(0).path("eventType").asText();
    boolean started =
        first.equals("EVENT_TYPE_WORKFLOW_EXECUTION_STARTED")
            || first.equals("WorkflowExecutionStarted");
    return new Finding(
        "history.events",
        started,
        path + (started ? ": " + events.size() + " events in order" : " starts with " + first));
  }

  private static Finding balanced(String path, JsonNode t) {
    Map<String, Long> sums = new TreeMap<>();
    for (JsonNode e : t.path("entries")) {
      sums.merge(e.path("currency").asText(), e.path("amount").asLong(), Long::sum);
    }
    boolean zero = !sums.isEmpty() && sums.values().stream().allMatch(v -> v == 0);
    return new Finding(
        "ledger.balanced",
        zero,
        "transaction " + t.path("transactionId").asLong() + " (" + path + ") sums to " + sums);
  }

  private Finding certified(JsonNode g) {
    String game = g.path("game").asText();
    String hash = g.path("contentHash").asText();
    try {
      String installed = games.find(GameRef.parse(game)).descriptor().contentHash();
      return new Finding(
          "game.certified",
          installed.equals(hash),
          game
              + " content hash "
              + hash
              + (installed.equals(hash) ? "" : ", verifier has " + installed));
    } catch (CroupierException | IllegalArgumentException missing) {
      return new Finding("game.certified", false, game + " is not a game this verifier knows");
    }
  }

  private void rounds(JsonNode r, Map<Long, JsonNode> transactions, List<Finding> out) {
    String name = r.path("sessionId").asText() + " round " + r.path("round").asLong();
    long stake = r.path("stake").asLong();
    long win = r.path("totalWin").asLong();
    String revealed = r.path("revealedServerSeed").asText(null);
    if (revealed == null || revealed.isEmpty() || r.path("revealedServerSeed").isNull()) {
      out.add(
          new Finding(
              "round.outcome", true, name + ": session open, seed not revealed (not recomputed)"));
    } else {
      GameRef game = GameRef.parse(r.path("game").asText());
      @SuppressWarnings("unchecked")
      Map<String, Object> outcome = JSON.convertValue(r.path("outcome"), Map.class);
      try {
        Verifier.Verification v =
            Verifier.verify(
                games,
                new Verifier.RoundClaim(
                    game,
                    r.path("commitment").asText(),
                    new RoundSeed(
                        revealed, r.path("clientSeed").asText(), r.path("nonce").asLong()),
                    new Wager(stake, r.path("currency").asText()),
                    win,
                    r.path("jackpotHit").asBoolean(),
                    outcome));
        out.add(
            new Finding(
                "round.commitment",
                v.commitmentValid(),
                name
                    + ": SHA-256 of the revealed seed "
                    + (v.commitmentValid() ? "is" : "is not")
                    + " the commitment"));
        out.add(
            new Finding(
                "round.outcome",
                v.outcomeMatches(),
                name + ": recomputed win " + v.replayed().totalWin() + ", recorded " + win));
      } catch (CroupierException | IllegalArgumentException e) {
        out.add(
            new Finding("round.outcome", false, name + ": cannot recompute: " + e.getMessage()));
      }
    }
    JsonNode t = transactions.get(r.path("ledgerTransactionId").asLong());
    if (t == null) {
      out.add(
          new Finding(
              "round.ledger",
              false,
              name
                  + ": transaction "
                  + r.path("ledgerTransactionId").asLong()
                  + " not in ledger/"));
      return;
    }
    // The player's leg is the first: -stake; the player's legs net to win - stake.
    JsonNode entries = t.path("entries");
    long player = entries.path(0).path("accountId").asLong();
    long first = entries.path(0).path("amount").asLong();
    long net = 0;
    for (JsonNode e : entries) {
      if (e.path("accountId").asLong() == player) {
        net += e.path("amount").asLong();
      }
    }
    boolean same = first == -stake && net == win - stake;
    out.add(
        new Finding(
            "round.ledger",
            same,
            name
                + ": ledger stake "
                + -first
                + " and net "
                + net
                + " against outcome stake "
                + stake
                + " and win "
                + win));
  }

  private static byte[] read(InputStream in, String name) throws IOException {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    byte[] chunk = new byte[8192];
    long total = 0;
    int n;
    while ((n = in.read(chunk)) > 0) {
      total += n;
      if (total > MAX_FILE) {
        throw new IOException(name + " is larger than " + MAX_FILE + " bytes");
      }
      buf.write(chunk, 0, n);
    }
    return buf.toByteArray();
  }
}
