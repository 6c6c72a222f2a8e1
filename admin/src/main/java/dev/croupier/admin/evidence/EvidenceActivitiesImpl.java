package dev.croupier.admin.evidence;

import com.google.protobuf.Timestamp;
import dev.croupier.admin.audit.Actor;
import dev.croupier.admin.audit.AuditJson;
import dev.croupier.admin.audit.AuditLog;
import dev.croupier.admin.audit.Outcome;
import dev.croupier.evidence.BundleWriter;
import dev.croupier.workflows.evidence.EvidenceActivities;
import dev.croupier.workflows.evidence.ExportRequest;
import dev.croupier.workflows.evidence.ExportScope;
import dev.croupier.workflows.evidence.ReplaySummary;
import dev.croupier.workflows.evidence.SealedBundle;
import dev.croupier.workflows.table.TableStart;
import io.micrometer.core.instrument.MeterRegistry;
import io.temporal.api.common.v1.Payloads;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.common.converter.DataConverter;
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
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
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
  private final PlayerHands playerHands;
  private final Supplier<KeyPair> key;
  private final Path directory;
  private final AuditLog audit;
  private final MeterRegistry meters;
  private final ExportMetrics metrics;
  private final int maxHands;
  private final DataConverter converter = DataConverter.getDefaultInstance();
  private final Clock clock;

  EvidenceActivitiesImpl(
      WorkflowClient temporal,
      GameEvidence game,
      PlayerHands playerHands,
      Supplier<KeyPair> key,
      Path directory,
      AuditLog audit,
      MeterRegistry meters,
      Clock clock,
      int maxHands) {
    this.temporal = temporal;
    this.game = game;
    this.playerHands = playerHands;
    this.key = key;
    this.directory = directory;
    this.audit = audit;
    this.meters = meters;
    this.metrics = new ExportMetrics(meters);
    this.maxHands = maxHands;
    this.clock = clock;
  }

  @Override
  public int collectHistories(ExportRequest request) {
    ExportScope scope = request.effectiveScope();
    if (scope.kind().equals(ExportScope.TABLE)) {
      Instant from = Instant.parse(scope.from());
      Instant to = Instant.parse(scope.to());
      // Every run that overlaps the range: started before its end, and closed after its start
      // (or still running). The chain is followed back until a run that closed before it.
      int runs =
          chain(
              request,
              "table-" + scope.id(),
              run -> overlaps(run, from, to),
              run -> endedBefore(run, from));
      log.info("evidence export {}: {} runs of table-{}", request.exportId(), runs, scope.id());
      return runs;
    }
    int runs = 0;
    for (UUID session : scope.sessions()) {
      runs += chain(request, "session-" + session, run -> true, run -> false);
    }
    if (scope.kind().equals(ExportScope.PLAYER)) {
      // The runs of each table that dealt the player's hands: those overlapping the hands' starts.
      for (PlayerHands.Table table : playerHands(scope).tables()) {
        Instant first = table.firstStart();
        Instant last = table.lastStart().plusNanos(1);
        runs +=
            chain(
                request,
                "table-" + table.tableId(),
                run -> overlaps(run, first, last),
                run -> endedBefore(run, first));
      }
    }
    log.info(
        "evidence export {}: {} runs of {} sessions",
        request.exportId(),
        runs,
        request.effectiveScope().sessions().size());
    return runs;
  }

  /**
   * Writes every run of {@code workflowId} that {@code keep} accepts, following the continue-as-new
   * chain back from the latest run until one that {@code stop} accepts; returns how many it wrote.
   */
  private int chain(
      ExportRequest request,
      String workflowId,
      Predicate<WorkflowExecutionHistory> keep,
      Predicate<WorkflowExecutionHistory> stop) {
    int runs = 0;
    String runId = Exports.latestRunId(temporal, workflowId);
    while (!runId.isEmpty()) {
      WorkflowExecutionHistory run = temporal.fetchHistory(workflowId, runId);
      if (stop.test(run)) {
        break; // older runs ended earlier still
      }
      if (keep.test(run)) {
        write(
            request,
            "histories/" + workflowId + "/" + runId + ".json",
            run.toJson(true).getBytes(StandardCharsets.UTF_8));
        runs++;
      }
      runId =
          run.getEvents()
              .get(0)
              .getWorkflowExecutionStartedEventAttributes()
              .getContinuedExecutionRunId();
    }
    return runs;
  }

  /** Whether a run ended before {@code from}. */
  private static boolean endedBefore(WorkflowExecutionHistory run, Instant from) {
    List<HistoryEvent> events = run.getEvents();
    HistoryEvent last = events.get(events.size() - 1);
    return Histories.closes(last) && Histories.time(last).isBefore(from);
  }

  /** Whether a run overlaps {@code [from, to)}. */
  private static boolean overlaps(WorkflowExecutionHistory run, Instant from, Instant to) {
    List<HistoryEvent> events = run.getEvents();
    Instant started = Histories.time(events.get(0));
    HistoryEvent last = events.get(events.size() - 1);
    return started.isBefore(to)
        && (!Histories.closes(last) || !Histories.time(last).isBefore(from));
  }

  @Override
  public int collectRecords(ExportRequest request) {
    Map<String, Map<String, Object>> games = new LinkedHashMap<>();
    ExportScope scope = request.effectiveScope();
    if (scope.kind().equals(ExportScope.TABLE)) {
      int hands = tableRecords(request, scope);
      certifiedTableGame(request, scope.id())
          .ifPresent(g -> games.put(g.get("game").toString(), g));
      write(request, "games.json", JSON.writeValueAsBytes(List.copyOf(games.values())));
      return hands;
    }
    int count = 0;
    for (UUID session : request.effectiveScope().sessions()) {
      count += sessionRecords(request, session, games);
    }
    if (scope.kind().equals(ExportScope.PLAYER)) {
      count += playerHandRecords(request, scope, games);
    }
    write(request, "games.json", JSON.writeValueAsBytes(List.copyOf(games.values())));
    return count;
  }

  /**
   * The table's hands that started in the range, one file each, and their wallet transactions in
   * {@code ledger/table-<id>.json}.
   */
  private int tableRecords(ExportRequest request, ExportScope scope) {
    List<Map<String, Object>> hands =
        game.hands(scope.id(), Instant.parse(scope.from()), Instant.parse(scope.to()), maxHands);
    meters.counter("croupier.admin.evidence.hands", "scope", "table").increment(hands.size());
    Map<Object, Object> ledger = new LinkedHashMap<>();
    for (Map<String, Object> hand : hands) {
      write(
          request,
          "hands/" + scope.id() + "/" + hand.get("handNumber") + ".json",
          JSON.writeValueAsBytes(hand));
      if (hand.get("ledgerTransactions") instanceof List<?> transactions) {
        for (Object t : transactions) {
          if (t instanceof Map<?, ?> m) {
            ledger.putIfAbsent(m.get("transactionId"), m);
          }
        }
      }
    }
    write(
        request,
        "ledger/table-" + scope.id() + ".json",
        JSON.writeValueAsBytes(List.copyOf(ledger.values())));
    return hands.size();
  }

  private PlayerHands.Found playerHands(ExportScope scope) {
    return playerHands.find(
        UUID.fromString(scope.id()),
        Instant.parse(scope.from()),
        Instant.parse(scope.to()),
        maxHands);
  }

  /**
   * The poker hands the player sat in that started in the range: {@code hands/<tableId>/<n>.json},
   * {@code ledger/table-<tableId>.json} (the hands' rake and the player's buy-ins and cash-outs
   * there) and {@code player.json} (the player's accounts, which prove the seats); none of them
   * when the player played no hand.
   */
  private int playerHandRecords(
      ExportRequest request, ExportScope scope, Map<String, Map<String, Object>> games) {
    PlayerHands.Found found = playerHands(scope);
    for (PlayerHands.Table table : found.tables()) {
      for (Map<String, Object> hand : table.hands()) {
        write(
            request,
            "hands/" + table.tableId() + "/" + hand.get("handNumber") + ".json",
            JSON.writeValueAsBytes(hand));
      }
      write(
          request,
          "ledger/table-" + table.tableId() + ".json",
          JSON.writeValueAsBytes(table.ledger()));
      certifiedTableGame(request, table.tableId())
          .ifPresent(g -> games.putIfAbsent(g.get("game").toString(), g));
    }
    if (!found.tables().isEmpty()) {
      Map<String, Object> player = new LinkedHashMap<>();
      player.put("playerId", scope.id());
      player.put("accounts", found.accounts());
      write(request, "player.json", JSON.writeValueAsBytes(player));
    }
    meters.counter("croupier.admin.evidence.hands", "scope", "player").increment(found.hands());
    log.info(
        "evidence export {}: {} poker hands of player {} at {} tables",
        request.exportId(),
        found.hands(),
        scope.id(),
        found.tables().size());
    return found.hands();
  }

  /**
   * The table's game and the content hash it pinned, from the collected histories themselves: a
   * continued run carries it in its input, the first run records it as a side effect.
   */
  private Optional<Map<String, Object>> certifiedTableGame(ExportRequest request, String tableId) {
    for (Path file : histories(request)) {
      if (!file.getParent().getFileName().toString().equals("table-" + tableId)) {
        continue;
      }
      WorkflowExecutionHistory run;
      try {
        run = WorkflowExecutionHistory.fromJson(Files.readString(file));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      TableStart start =
          converter.fromPayloads(
              0,
              Optional.of(
                  run.getEvents().get(0).getWorkflowExecutionStartedEventAttributes().getInput()),
              TableStart.class,
              TableStart.class);
      String hash = start.carry() == null ? null : start.carry().gameContentHash();
      for (HistoryEvent e : run.getEvents()) {
        if (hash != null) {
          break;
        }
        if (e.hasMarkerRecordedEventAttributes()
            && e.getMarkerRecordedEventAttributes().getMarkerName().equals("SideEffect")) {
          Payloads data = e.getMarkerRecordedEventAttributes().getDetailsMap().get("data");
          hash = converter.fromPayloads(0, Optional.ofNullable(data), String.class, String.class);
        }
      }
      if (hash != null) {
        Map<String, Object> certified = new LinkedHashMap<>();
        certified.put("game", start.game().toString());
        certified.put("contentHash", hash);
        return Optional.of(certified);
      }
    }
    return Optional.empty();
  }

  private int sessionRecords(
      ExportRequest request, UUID sessionId, Map<String, Map<String, Object>> games) {
    List<Map<String, Object>> rounds = game.rounds(sessionId);
    List<Map<String, Object>> ledger = new ArrayList<>();
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
    String session = sessionId.toString();
    write(request, "rounds/" + session + ".json", JSON.writeValueAsBytes(rounds));
    write(request, "ledger/" + session + ".json", JSON.writeValueAsBytes(ledger));
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
        bundle.write(out, request.effectiveScope().manifest(), key.get(), clock.instant());
      }
      Files.move(
          partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      String hash = HexFormat.of().formatHex(sha.digest());
      long bytes = Files.size(target);
      audit.append(
          new Actor(null, request.exportId().toString(), "evidence-workflow", "evidence export"),
          new AuditLog.Event(
              "evidence.export",
              request.effectiveScope().target(),
              null,
              null,
              AuditJson.of(
                  "export",
                  request.exportId().toString(),
                  "requestedBy",
                  request.requestedBy().toString(),
                  "scope",
                  request.effectiveScope().kind(),
                  "sha256",
                  hash,
                  "bytes",
                  bytes),
              Outcome.OK));
      metrics.sealed(request.effectiveScope().kind(), requested(request));
      log.info("evidence export {} sealed: {} bytes, sha256 {}", request.exportId(), bytes, hash);
      return new SealedBundle(hash, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** How long since the export was requested: its workflow's start. */
  private Duration requested(ExportRequest request) {
    try {
      Timestamp t =
          temporal
              .newUntypedWorkflowStub(ExportRequest.workflowId(request.exportId()))
              .describe()
              .getWorkflowExecutionInfo()
              .getStartTime();
      return Duration.between(Instant.ofEpochSecond(t.getSeconds(), t.getNanos()), clock.instant());
    } catch (RuntimeException e) {
      return Duration.ZERO;
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
