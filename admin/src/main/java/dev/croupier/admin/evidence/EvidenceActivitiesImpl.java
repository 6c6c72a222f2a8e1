package dev.croupier.admin.evidence;

import dev.croupier.admin.audit.Actor;
import dev.croupier.admin.audit.AuditJson;
import dev.croupier.admin.audit.AuditLog;
import dev.croupier.admin.audit.Outcome;
import dev.croupier.evidence.BundleWriter;
import dev.croupier.workflows.evidence.EvidenceActivities;
import dev.croupier.workflows.evidence.ExportRequest;
import dev.croupier.workflows.evidence.ReplaySummary;
import dev.croupier.workflows.evidence.SealedBundle;
import io.micrometer.core.instrument.MeterRegistry;
import io.temporal.client.WorkflowClient;
import io.temporal.common.WorkflowExecutionHistory;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * The export's steps. Each writes into the export's staging directory ({@code <directory>/<export
 * id>/}) and may run again: it rewrites the same files from the same records. Only {@link #seal}
 * writes the bundle, whole, by a rename.
 */
final class EvidenceActivitiesImpl implements EvidenceActivities {
  private static final Logger log = LoggerFactory.getLogger(EvidenceActivitiesImpl.class);
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final WorkflowClient temporal;
  private final GameEvidence game;
  private final Supplier<KeyPair> key;
  private final Path directory;
  private final AuditLog audit;
  private final MeterRegistry meters;
  private final Clock clock;

  EvidenceActivitiesImpl(
      WorkflowClient temporal,
      GameEvidence game,
      Supplier<KeyPair> key,
      Path directory,
      AuditLog audit,
      MeterRegistry meters,
      Clock clock) {
    this.temporal = temporal;
    this.game = game;
    this.key = key;
    this.directory = directory;
    this.audit = audit;
    this.meters = meters;
    this.clock = clock;
  }

  @Override
  public int collectHistories(ExportRequest request) {
    String workflowId = "session-" + request.sessionId();
    int runs = 0;
    String runId = Exports.latestRunId(temporal, workflowId);
    while (!runId.isEmpty()) {
      WorkflowExecutionHistory run = temporal.fetchHistory(workflowId, runId);
      write(
          request,
          "histories/" + workflowId + "/" + runId + ".json",
          run.toJson(true).getBytes(StandardCharsets.UTF_8));
      runs++;
      runId =
          run.getEvents()
              .get(0)
              .getWorkflowExecutionStartedEventAttributes()
              .getContinuedExecutionRunId();
    }
    log.info("evidence export {}: {} runs of {}", request.exportId(), runs, workflowId);
    return runs;
  }

  @Override
  public int collectRecords(ExportRequest request) {
    List<Map<String, Object>> rounds = game.rounds(request.sessionId());
    List<Map<String, Object>> ledger = new ArrayList<>();
    Map<String, Map<String, Object>> games = new LinkedHashMap<>();
    for (Map<String, Object> r : rounds) {
      Map<String, Object> t = new LinkedHashMap<>();
      t.put("transactionId", r.get("ledgerTransactionId"));
      t.put("idempotencyKey", r.get("ledgerKey"));
      t.put("entries", r.get("ledgerEntries"));
      ledger.add(t);
      String g = String.valueOf(r.get("game"));
      Map<String, Object> certified = new LinkedHashMap<>();
      certified.put("game", g);
      certified.put("contentHash", r.get("gameContentHash"));
      games.putIfAbsent(g, certified);
    }
    String session = request.sessionId().toString();
    write(request, "rounds/" + session + ".json", JSON.writeValueAsBytes(rounds));
    write(request, "ledger/" + session + ".json", JSON.writeValueAsBytes(ledger));
    write(request, "games.json", JSON.writeValueAsBytes(List.copyOf(games.values())));
    return rounds.size();
  }

  @Override
  public ReplaySummary replay(ExportRequest request) {
    List<Map<String, Object>> verdicts = new ArrayList<>();
    int passed = 0;
    int failed = 0;
    for (Path history : histories(request)) {
      Map<String, Object> v;
      try {
        v = new LinkedHashMap<>(game.replay(Files.readString(history)));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      // The JSON format names neither the workflow nor the run: the file's path does.
      String file = history.getFileName().toString();
      v.put("workflowId", history.getParent().getFileName().toString());
      v.put("runId", file.substring(0, file.length() - ".json".length()));
      if (Boolean.TRUE.equals(v.get("passed"))) {
        passed++;
      } else {
        failed++;
      }
      verdicts.add(v);
    }
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("against", "the workflow code of the workers build that answered the export");
    doc.put("runs", verdicts);
    write(request, "replay.json", JSON.writeValueAsBytes(doc));
    meters.counter("croupier.admin.evidence.replays", "outcome", "passed").increment(passed);
    meters.counter("croupier.admin.evidence.replays", "outcome", "failed").increment(failed);
    return new ReplaySummary(passed, failed);
  }

  @Override
  public SealedBundle seal(ExportRequest request) {
    Path staging = staging(request);
    BundleWriter bundle = new BundleWriter();
    try (Stream<Path> files = Files.walk(staging)) {
      for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
        bundle.add(staging.relativize(f).toString().replace('\\', '/'), Files.readAllBytes(f));
      }
      Path target = directory.resolve(request.exportId() + ".zip");
      Path partial = directory.resolve(request.exportId() + ".zip.partial");
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      try (OutputStream out = new DigestOutputStream(Files.newOutputStream(partial), sha)) {
        bundle.write(
            out,
            Map.of("kind", "session", "sessionId", request.sessionId().toString()),
            key.get(),
            clock.instant());
      }
      Files.move(
          partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      String hash = HexFormat.of().formatHex(sha.digest());
      long bytes = Files.size(target);
      audit.append(
          new Actor(null, request.exportId().toString(), "evidence-workflow", "evidence export"),
          new AuditLog.Event(
              "evidence.export",
              "session:" + request.sessionId(),
              null,
              null,
              AuditJson.of(
                  "export",
                  request.exportId().toString(),
                  "requestedBy",
                  request.requestedBy().toString(),
                  "sha256",
                  hash,
                  "bytes",
                  bytes),
              Outcome.OK));
      meters.counter("croupier.admin.evidence.exports", "outcome", "sealed").increment();
      log.info("evidence export {} sealed: {} bytes, sha256 {}", request.exportId(), bytes, hash);
      return new SealedBundle(hash, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private List<Path> histories(ExportRequest request) {
    Path dir = staging(request).resolve("histories");
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Path staging(ExportRequest request) {
    return directory.resolve(request.exportId().toString());
  }

  private void write(ExportRequest request, String path, byte[] content) {
    Path file = staging(request).resolve(path);
    try {
      Files.createDirectories(file.getParent());
      Files.write(file, content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
