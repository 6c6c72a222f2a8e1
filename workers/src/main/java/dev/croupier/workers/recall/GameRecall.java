package dev.croupier.workers.recall;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
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
import dev.croupier.games.api.RoundSeed;
import dev.croupier.games.api.Wager;
import dev.croupier.games.rng.Verifier;
import dev.croupier.gamestore.recall.RoundRecords;
import dev.croupier.workflows.session.PlayedRound;
import dev.croupier.workflows.session.PostedRound;
import dev.croupier.workflows.session.SessionStart;
import io.temporal.api.common.v1.Payloads;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.history.v1.MarkerRecordedEventAttributes;
import io.temporal.client.WorkflowClient;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.common.converter.DataConverter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Rebuilds a round from three independent records and checks them against each other: the
 * projection row (what the player was shown), the workflow history (the plugin's recorded result
 * and the ledger answer, as local activity markers, across every continue-as-new run), and the
 * wallet transaction (the money). Once the session is closed, the round is also recomputed from the
 * revealed server seed with the certified plugin and {@link Verifier}.
 */
public final class GameRecall {
  static final String MARKER = "LocalActivity";
  static final String PLAY_ROUND = "Game.PlayRound";
  static final String POST_ROUND = "Ledger.PostRound";
  static final String FIND_ROUND = "Ledger.FindRound";
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.USE_LONG_FOR_INTS);

  private final RoundRecords rounds;
  private final WorkflowClient temporal;
  private final WalletGrpc.WalletBlockingStub wallet;
  private final GameRegistry games;
  private final DataConverter converter = DataConverter.getDefaultInstance();

  public GameRecall(
      RoundRecords rounds,
      WorkflowClient temporal,
      WalletGrpc.WalletBlockingStub wallet,
      GameRegistry games) {
    this.rounds = rounds;
    this.temporal = temporal;
    this.wallet = wallet;
    this.games = games;
  }

  /**
   * One round, rebuilt and checked.
   *
   * @throws CroupierException {@code UNKNOWN_SESSION} if the projection has no such round
   */
  public RoundRecall round(UUID sessionId, long round) {
    RoundRecords.Row row =
        rounds
            .round(sessionId, round)
            .orElseThrow(
                () ->
                    new CroupierException(
                        ErrorCode.UNKNOWN_SESSION, "no round " + round + " in " + sessionId));
    return rebuild(row, histories(sessionId));
  }

  /**
   * Every round of a session, rebuilt and checked against one fetch of its histories, in order.
   * Empty for a session that played no round.
   */
  public List<RoundRecall> session(UUID sessionId) {
    List<RoundRecords.Row> rows = rounds.sessionRounds(sessionId);
    if (rows.isEmpty()) {
      return List.of();
    }
    List<WorkflowExecutionHistory> runs = histories(sessionId);
    List<RoundRecall> out = new ArrayList<>(rows.size());
    for (RoundRecords.Row row : rows) {
      out.add(rebuild(row, runs));
    }
    return out;
  }

  /** The player's last {@code limit} rounds across sessions, newest first, each checked. */
  public List<RoundRecall> lastGames(UUID userId, int limit) {
    List<RoundRecall> out = new ArrayList<>();
    Map<UUID, List<WorkflowExecutionHistory>> cache = new HashMap<>();
    for (RoundRecords.Row row : rounds.lastRounds(userId, limit)) {
      out.add(rebuild(row, cache.computeIfAbsent(row.sessionId(), this::histories)));
    }
    return out;
  }

  private RoundRecall rebuild(RoundRecords.Row row, List<WorkflowExecutionHistory> runs) {
    List<RoundRecall.Check> checks = new ArrayList<>();
    Wager wager = new Wager(row.stake(), row.currency());
    GameRef game = new GameRef(row.gameId(), row.gameVersion());

    // The history: the plugin's result and the ledger's answer, as recorded when it ran.
    PlayedRound played = null;
    PostedRound posted = null;
    for (WorkflowExecutionHistory run : runs) {
      for (HistoryEvent e : run.getEvents()) {
        if (!e.hasMarkerRecordedEventAttributes()) {
          continue;
        }
        MarkerRecordedEventAttributes m = e.getMarkerRecordedEventAttributes();
        if (!MARKER.equals(m.getMarkerName()) || !m.getDetailsMap().containsKey("result")) {
          continue;
        }
        String type =
            converter.fromPayloads(
                0, Optional.of(m.getDetailsMap().get("type")), String.class, String.class);
        Payloads result = m.getDetailsMap().get("result");
        if (PLAY_ROUND.equals(type)) {
          PlayedRound p =
              converter.fromPayloads(0, Optional.of(result), PlayedRound.class, PlayedRound.class);
          if (p.result().round() == row.round() && p.result().stake() == row.stake()) {
            played = p;
          }
        } else if (POST_ROUND.equals(type) || FIND_ROUND.equals(type)) {
          PostedRound p =
              converter.fromPayloads(0, Optional.of(result), PostedRound.class, PostedRound.class);
          if (p != null && p.transactionId() == row.ledgerTransactionId()) {
            posted = p;
          }
        }
      }
    }
    if (played == null) {
      checks.add(RoundRecall.Check.fail("history.outcome", "no recorded plugin result"));
    } else {
      boolean same =
          played.result().totalWin() == row.totalWin()
              && played.result().jackpotHit() == row.jackpotHit()
              && sameJson(played.result().outcome(), row.outcomeJson());
      checks.add(
          new RoundRecall.Check(
              "history.outcome",
              same,
              same
                  ? "the recorded plugin result is the projected outcome"
                  : "history win "
                      + played.result().totalWin()
                      + " / outcome differ from the projection"));
    }
    checks.add(
        posted == null
            ? RoundRecall.Check.fail("history.ledger", "no recorded ledger answer")
            : new RoundRecall.Check(
                "history.ledger",
                posted.playerBalance() == row.balanceAfter() && posted.win() == row.totalWin(),
                "ledger answer recorded: transaction " + posted.transactionId()));

    // The ledger: the money that moved.
    List<RoundRecall.LedgerEntry> entries = new ArrayList<>();
    Transaction t = null;
    try {
      t =
          wallet
              .withDeadlineAfter(5, TimeUnit.SECONDS)
              .getTransaction(
                  GetTransactionRequest.newBuilder().setIdempotencyKey(row.ledgerKey()).build());
    } catch (RuntimeException e) {
      checks.add(RoundRecall.Check.fail("ledger.transaction", e.getMessage()));
    }
    if (t != null) {
      long sum = 0;
      long stake = 0;
      long win = 0;
      long contribution = 0;
      long player = Long.parseLong(t.getMetadataOrDefault("playerAccount", "0"));
      // Legs are posted in order: player -stake, house +stake, then win and contribution pairs.
      long house = t.getEntriesCount() > 1 ? t.getEntries(1).getAccountId() : 0;
      for (Entry e : t.getEntriesList()) {
        entries.add(new RoundRecall.LedgerEntry(e.getAccountId(), e.getCurrency(), e.getAmount()));
        sum += e.getAmount();
        if (e.getAccountId() == player) {
          if (e.getAmount() < 0) {
            stake -= e.getAmount();
          } else {
            win += e.getAmount();
          }
        } else if (e.getAmount() > 0 && e.getAccountId() != house) {
          contribution += e.getAmount();
        }
      }
      checks.add(
          new RoundRecall.Check(
              "ledger.transaction",
              t.getTransactionId() == row.ledgerTransactionId(),
              "transaction " + t.getTransactionId() + " under " + t.getIdempotencyKey()));
      checks.add(new RoundRecall.Check("ledger.balanced", sum == 0, "legs sum to " + sum));
      boolean amounts =
          stake == row.stake() && win == row.totalWin() && contribution == row.contribution();
      checks.add(
          new RoundRecall.Check(
              "ledger.amounts",
              amounts,
              "stake " + stake + ", win " + win + ", jackpot contribution " + contribution));
    }

    // The version: the installed plugin must be the one certified under the session's hash, or
    // the replay below would not be of the game the session played.
    String installed = installedHash(game);
    if (row.gameContentHash() != null) {
      checks.add(
          new RoundRecall.Check(
              "game.certified",
              row.gameContentHash().equals(installed),
              game + " content hash " + row.gameContentHash() + ", installed " + installed));
    }

    // The seed: recompute the round from the revealed server seed.
    String revealed = row.revealedServerSeed();
    if (revealed == null) {
      checks.add(
          new RoundRecall.Check(
              "rng.replay", true, "session still open: the server seed is not revealed yet"));
    } else {
      Verifier.Verification v =
          Verifier.verify(
              games,
              new Verifier.RoundClaim(
                  game,
                  row.commitment(),
                  new RoundSeed(revealed, row.clientSeed(), row.nonce()),
                  wager,
                  row.totalWin(),
                  row.jackpotHit(),
                  parse(row.outcomeJson())));
      checks.add(
          new RoundRecall.Check(
              "rng.commitment",
              v.commitmentValid(),
              "SHA-256 of the revealed seed is the commitment"));
      checks.add(
          new RoundRecall.Check(
              "rng.replay",
              v.outcomeMatches(),
              "replayed win " + v.replayed().totalWin() + " with the certified plugin"));
    }
    return new RoundRecall(
        row.sessionId(),
        row.round(),
        row.userId(),
        game.toString(),
        row.status(),
        row.requestId(),
        row.stake(),
        row.currency(),
        row.commitment(),
        row.clientSeed(),
        row.nonce(),
        revealed,
        parse(row.outcomeJson()),
        row.totalWin(),
        row.jackpotHit(),
        row.ledgerKey(),
        row.ledgerTransactionId(),
        entries,
        row.playedAt(),
        row.gameContentHash(),
        checks);
  }

  private String installedHash(GameRef game) {
    try {
      return games.round(game).descriptor().contentHash();
    } catch (CroupierException notInstalled) {
      return "none (" + notInstalled.code() + ")";
    }
  }

  /** Every run of the session's workflow, following the continue-as-new chain back to the first. */
  List<WorkflowExecutionHistory> histories(UUID sessionId) {
    String workflowId = SessionStart.workflowId(sessionId);
    List<WorkflowExecutionHistory> runs = new ArrayList<>();
    WorkflowExecutionHistory run = temporal.fetchHistory(workflowId);
    while (run != null) {
      runs.add(0, run);
      String previous =
          run.getEvents()
              .get(0)
              .getWorkflowExecutionStartedEventAttributes()
              .getContinuedExecutionRunId();
      run = previous.isEmpty() ? null : temporal.fetchHistory(workflowId, previous);
    }
    return runs;
  }

  private static boolean sameJson(Map<String, Object> recorded, String projected) {
    try {
      JsonNode a = JSON.readTree(JSON.writeValueAsString(recorded));
      JsonNode b = JSON.readTree(projected);
      return a.equals(b);
    } catch (JsonProcessingException e) {
      return false;
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> parse(String json) {
    try {
      return JSON.readValue(json, Map.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("unreadable outcome", e);
    }
  }
}
