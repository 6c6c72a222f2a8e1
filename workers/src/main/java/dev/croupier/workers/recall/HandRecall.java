package dev.croupier.workers.recall;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.croupier.api.wallet.v1.Entry;
import dev.croupier.api.wallet.v1.GetTransactionRequest;
import dev.croupier.api.wallet.v1.Transaction;
import dev.croupier.api.wallet.v1.WalletGrpc;
import dev.croupier.errors.CroupierException;
import dev.croupier.errors.ErrorCode;
import dev.croupier.games.api.GameRef;
import dev.croupier.games.api.GameRegistry;
import dev.croupier.games.api.TableGame;
import dev.croupier.games.api.table.RoundEvidence;
import dev.croupier.games.api.table.SharedEvent;
import dev.croupier.gamestore.tables.TableEventLog;
import dev.croupier.workflows.table.TableAck;
import dev.croupier.workflows.table.TableRequest;
import dev.croupier.workflows.table.TableStart;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.micrometer.core.instrument.MeterRegistry;
import io.temporal.api.common.v1.Payloads;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.history.v1.WorkflowExecutionUpdateAcceptedEventAttributes;
import io.temporal.api.history.v1.WorkflowExecutionUpdateCompletedEventAttributes;
import io.temporal.client.WorkflowClient;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.common.converter.DataConverter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Recalls a table's rounds (poker hands) from the records alone, without naming the game: it
 * gathers each round's records and hands them to the table's game plugin ({@link
 * TableGame#recall}), which rebuilds the round and checks the records against each other. The
 * records: the table's event log ({@link TableEventLog}: the round's public events and its seed
 * epoch), the table workflow's history (the game and version the table opened with, and the {@code
 * act} updates it accepted, across every continue-as-new run) and the wallet (the round's rake
 * transaction, {@code table-<id>/hand-<n>/rake}). Read-only.
 *
 * <p>Private deals (hole cards) are sealed on the event log for the compliance key, whose private
 * half the workers never hold: while an epoch runs the cards are not shown, and once it is revealed
 * the plugin re-deals them from the seed.
 */
public final class HandRecall {
  /** The most rounds one page may hold. */
  public static final int MAX_LIMIT = 500;

  private static final Logger log = LoggerFactory.getLogger(HandRecall.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * The failed check of a hand one of whose table events does not read (not JSON, or a shape the
   * game does not know): named in the hand's checks, the hand inconsistent, never a 500.
   */
  public static final String EVENTS_READ = "events.read";

  private static final Set<String> NOT_SHARED =
      Set.of("holeCardsSealed", "seedCommitted", "seedRevealed");

  private final TableEventLog events;
  private final WorkflowClient temporal;
  private final WalletGrpc.WalletBlockingStub wallet;
  private final GameRegistry games;
  private final MeterRegistry meters;
  private final DataConverter converter;

  HandRecall(
      TableEventLog events,
      WorkflowClient temporal,
      WalletGrpc.WalletBlockingStub wallet,
      GameRegistry games,
      MeterRegistry meters) {
    this.events = events;
    this.temporal = temporal;
    this.wallet = wallet;
    this.games = games;
    this.meters = meters;
    this.converter = temporal.getOptions().getDataConverter();
  }

  /**
   * A page of rounds.
   *
   * @param hands each round's recall, in round order
   * @param truncated whether more rounds started in the range
   */
  public record Page(UUID tableId, List<Map<String, Object>> hands, boolean truncated) {}

  /**
   * The rounds that started in {@code [from, to)}, at most {@code limit}, each recalled and
   * checked.
   *
   * @throws CroupierException {@code UNKNOWN_TABLE} when the table wrote no event; {@code
   *     UNAVAILABLE} when its history cannot be read
   */
  public Page hands(UUID tableId, Instant from, Instant to, int limit) {
    known(tableId);
    List<TableEventLog.Round> rounds = events.rounds(tableId, from, to, limit + 1);
    boolean truncated = rounds.size() > limit;
    if (truncated) {
      rounds = rounds.subList(0, limit);
    }
    if (rounds.isEmpty()) {
      return new Page(tableId, List.of(), false);
    }
    Records records =
        gather(tableId, rounds.getFirst().handNumber(), rounds.getLast().handNumber());
    List<Map<String, Object>> out = new ArrayList<>(rounds.size());
    for (TableEventLog.Round r : rounds) {
      out.add(recall(tableId, r, records));
    }
    log.info(
        "evidence: {} hands of table {} recalled (truncated {})", out.size(), tableId, truncated);
    return new Page(tableId, out, truncated);
  }

  /**
   * One round, recalled and checked.
   *
   * @throws CroupierException {@code UNKNOWN_TABLE}, {@code UNKNOWN_HAND} when the table dealt no
   *     such round, {@code UNAVAILABLE} when its history cannot be read
   */
  public Map<String, Object> hand(UUID tableId, long handNumber) {
    known(tableId);
    Optional<TableEventLog.Round> round =
        handNumber < 1 ? Optional.empty() : events.round(tableId, handNumber);
    if (round.isEmpty()) {
      count("unknown_hand");
      throw new CroupierException(
          ErrorCode.UNKNOWN_HAND, "table " + tableId + " dealt no hand " + handNumber);
    }
    return recall(tableId, round.get(), gather(tableId, handNumber, handNumber));
  }

  private void known(UUID tableId) {
    if (!events.exists(tableId)) {
      count("unknown_table");
      throw new CroupierException(ErrorCode.UNKNOWN_TABLE, "no events of table " + tableId);
    }
  }

  /** What one fetch of each record holds for rounds {@code first} to {@code last}. */
  private record Records(
      TableGame<?> game,
      List<TableEventLog.Event> events,
      List<TableEventLog.Event> seeds,
      Map<Long, List<RoundEvidence.RecordedMove>> moves) {}

  private Records gather(UUID tableId, long first, long last) {
    List<WorkflowExecutionHistory> runs = histories(tableId);
    TableStart start =
        converter.fromPayloads(
            0,
            Optional.of(
                runs.getFirst()
                    .getEvents()
                    .getFirst()
                    .getWorkflowExecutionStartedEventAttributes()
                    .getInput()),
            TableStart.class,
            TableStart.class);
    GameRef ref = start.game() == null ? TableStart.LEGACY_GAME : start.game();
    TableGame<?> game = games.table(ref);
    return new Records(
        game, events.events(tableId, first, last), events.seeds(tableId), moves(runs));
  }

  /** Every run of the table's workflow, first to last, following continue-as-new back. */
  private List<WorkflowExecutionHistory> histories(UUID tableId) {
    String workflowId = TableStart.workflowId(tableId);
    List<WorkflowExecutionHistory> runs = new ArrayList<>();
    try {
      WorkflowExecutionHistory run = temporal.fetchHistory(workflowId);
      while (run != null) {
        runs.addFirst(run);
        String previous =
            run.getEvents()
                .getFirst()
                .getWorkflowExecutionStartedEventAttributes()
                .getContinuedExecutionRunId();
        run = previous.isEmpty() ? null : temporal.fetchHistory(workflowId, previous);
      }
    } catch (RuntimeException unreadable) {
      count("history_unavailable");
      throw new CroupierException(
          ErrorCode.UNAVAILABLE,
          "the history of " + workflowId + " cannot be read: " + unreadable.getMessage());
    }
    return runs;
  }

  /**
   * The {@code act} updates the history accepted and completed without failure, by the round they
   * were made in (the answer's {@link TableAck#handNumber()}), each request once.
   */
  private Map<Long, List<RoundEvidence.RecordedMove>> moves(List<WorkflowExecutionHistory> runs) {
    Map<Long, List<RoundEvidence.RecordedMove>> byRound = new HashMap<>();
    Set<String> requests = new HashSet<>();
    for (WorkflowExecutionHistory run : runs) {
      Map<String, TableRequest.Act> accepted = new HashMap<>();
      for (HistoryEvent e : run.getEvents()) {
        if (e.getEventType() == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED) {
          WorkflowExecutionUpdateAcceptedEventAttributes a =
              e.getWorkflowExecutionUpdateAcceptedEventAttributes();
          if ("act".equals(a.getAcceptedRequest().getInput().getName())) {
            Payloads args = a.getAcceptedRequest().getInput().getArgs();
            accepted.put(
                a.getAcceptedRequest().getMeta().getUpdateId(),
                converter.fromPayloads(
                    0, Optional.of(args), TableRequest.Act.class, TableRequest.Act.class));
          }
        } else if (e.getEventType() == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_COMPLETED) {
          WorkflowExecutionUpdateCompletedEventAttributes c =
              e.getWorkflowExecutionUpdateCompletedEventAttributes();
          TableRequest.Act act = accepted.remove(c.getMeta().getUpdateId());
          if (act == null || !c.getOutcome().hasSuccess() || !requests.add(act.requestId())) {
            continue;
          }
          TableAck ack =
              converter.fromPayloads(
                  0, Optional.of(c.getOutcome().getSuccess()), TableAck.class, TableAck.class);
          byRound
              .computeIfAbsent(ack.handNumber(), n -> new ArrayList<>())
              .add(new RoundEvidence.RecordedMove(act.seat(), act.action()));
        }
      }
    }
    return byRound;
  }

  private Map<String, Object> recall(UUID tableId, TableEventLog.Round round, Records records) {
    long n = round.handNumber();
    List<SharedEvent> shared = new ArrayList<>();
    List<Map<String, Object>> failedReads = new ArrayList<>();
    for (TableEventLog.Event e : records.events()) {
      if (e.handNumber() == n && !NOT_SHARED.contains(e.type())) {
        try {
          shared.add(new SharedEvent(n, eventOf(e)));
        } catch (RuntimeException unreadable) {
          failedReads.add(unreadable(e, unreadable));
        }
      }
    }
    List<Map<String, Object>> transactions = new ArrayList<>();
    Long rake = rake(tableId, n, transactions, failedReads);
    RoundEvidence evidence =
        new RoundEvidence(
            tableId,
            n,
            shared,
            epochOf(n, records.seeds()),
            List.of(),
            rake,
            records.moves().getOrDefault(n, List.of()));
    Map<String, Object> recalled;
    try {
      recalled =
          records
              .game()
              .recall(evidence)
              .orElseThrow(
                  () ->
                      new CroupierException(
                          ErrorCode.UNKNOWN_GAME,
                          records.game().descriptor().ref() + " offers no recall of its rounds"));
    } catch (CroupierException named) {
      throw named;
    } catch (RuntimeException unreadable) {
      // The game cannot read the round's records (an event of a shape it does not know): a failed
      // check of this hand, never an error of the whole answer.
      log.warn(
          "evidence: {} cannot read hand {} of table {}: {}",
          records.game().descriptor().ref(),
          n,
          tableId,
          unreadable.toString());
      recalled = new LinkedHashMap<>();
      recalled.put("handNumber", n);
      recalled.put("consistent", false);
      recalled.put(
          "checks",
          List.of(
              check(
                  EVENTS_READ,
                  "the game "
                      + records.game().descriptor().ref()
                      + " cannot read the hand's events: "
                      + unreadable.getClass().getSimpleName())));
    }
    Map<String, Object> out = new LinkedHashMap<>(recalled);
    if (!failedReads.isEmpty()) {
      List<Object> checks = new ArrayList<>(listOf(out.get("checks")));
      checks.addAll(failedReads);
      out.put("checks", checks);
      out.put("consistent", false);
    }
    out.put("startedAt", round.startedAt().toString());
    out.put("ledgerTransactions", transactions);
    count(Boolean.TRUE.equals(out.get("consistent")) ? "consistent" : "inconsistent");
    return out;
  }

  /** The round's rake transaction, or null when the wallet holds none. */
  private Long rake(
      UUID tableId,
      long n,
      List<Map<String, Object>> transactions,
      List<Map<String, Object>> failedReads) {
    String key = TableStart.workflowId(tableId) + "/hand-" + n + "/rake";
    Transaction t;
    try {
      t =
          wallet
              .withDeadlineAfter(5, TimeUnit.SECONDS)
              .getTransaction(GetTransactionRequest.newBuilder().setIdempotencyKey(key).build());
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() != Status.Code.NOT_FOUND) {
        failedReads.add(
            Map.of(
                "name",
                "ledger.read",
                "verdict",
                "FAIL",
                "detail",
                "the wallet did not answer for " + key + ": " + e.getStatus().getCode()));
      }
      return null;
    }
    long escrowOut = 0;
    List<Map<String, Object>> entries = new ArrayList<>();
    for (Entry e : t.getEntriesList()) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("accountId", e.getAccountId());
      entry.put("currency", e.getCurrency());
      entry.put("amount", e.getAmount());
      entries.add(entry);
      if (e.getAmount() > 0) {
        escrowOut += e.getAmount();
      }
    }
    Map<String, Object> transaction = new LinkedHashMap<>();
    transaction.put("transactionId", t.getTransactionId());
    transaction.put("idempotencyKey", t.getIdempotencyKey());
    transaction.put("entries", entries);
    transactions.add(transaction);
    return escrowOut;
  }

  /** The epoch that dealt round {@code n}: the last committed at or before it, with its reveal. */
  private static RoundEvidence.Epoch epochOf(long n, List<TableEventLog.Event> seeds) {
    JsonNode committed = null;
    Map<Integer, String> revealed = new HashMap<>();
    for (TableEventLog.Event e : seeds) {
      JsonNode event = tree(e).path("event");
      if ("seedCommitted".equals(e.type()) && event.path("firstHand").asLong() <= n) {
        committed = event;
      } else if ("seedRevealed".equals(e.type())) {
        revealed.put(event.path("epoch").asInt(), event.path("serverSeed").asText(null));
      }
    }
    if (committed == null) {
      throw new CroupierException(
          ErrorCode.UNKNOWN_HAND, "no seed epoch was committed before hand " + n);
    }
    int epoch = committed.path("epoch").asInt();
    return new RoundEvidence.Epoch(
        epoch,
        committed.path("commitment").asText(),
        committed.path("clientSeed").asText(),
        revealed.get(epoch));
  }

  /** The failed check of a table event whose payload does not read. */
  private static Map<String, Object> unreadable(TableEventLog.Event e, RuntimeException why) {
    return check(
        EVENTS_READ,
        "table event "
            + e.seq()
            + " ("
            + e.type()
            + ") cannot be read: "
            + why.getClass().getSimpleName());
  }

  private static Map<String, Object> check(String name, String detail) {
    return Map.of("name", name, "verdict", "FAIL", "detail", detail);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> eventOf(TableEventLog.Event e) {
    return JSON.convertValue(tree(e).path("event"), Map.class);
  }

  private static JsonNode tree(TableEventLog.Event e) {
    try {
      return JSON.readTree(e.payload());
    } catch (JsonProcessingException bad) {
      throw new IllegalStateException("table event " + e.seq() + " is not JSON", bad);
    }
  }

  private static List<?> listOf(Object value) {
    return value instanceof List<?> list ? list : List.of();
  }

  private void count(String outcome) {
    meters.counter("croupier.game.evidence.hands", "outcome", outcome).increment();
  }
}
