package dev.croupier.activities.ledger;

import static dev.croupier.activities.internal.WalletCalls.leg;

import dev.croupier.activities.internal.WalletCalls;
import dev.croupier.api.wallet.v1.AccountType;
import dev.croupier.api.wallet.v1.Entry;
import dev.croupier.api.wallet.v1.GetBalanceRequest;
import dev.croupier.api.wallet.v1.GetTransactionRequest;
import dev.croupier.api.wallet.v1.PayJackpotRequest;
import dev.croupier.api.wallet.v1.PayJackpotResponse;
import dev.croupier.api.wallet.v1.PostTransactionRequest;
import dev.croupier.api.wallet.v1.PostTransactionResponse;
import dev.croupier.api.wallet.v1.PostedBalance;
import dev.croupier.api.wallet.v1.Reference;
import dev.croupier.api.wallet.v1.Transaction;
import dev.croupier.api.wallet.v1.TransactionKind;
import dev.croupier.api.wallet.v1.WalletGrpc;
import dev.croupier.errors.ErrorCode;
import dev.croupier.wallet.api.WalletErrors;
import dev.croupier.workflows.session.JackpotPaid;
import dev.croupier.workflows.session.JackpotPayout;
import dev.croupier.workflows.session.LedgerActivities;
import dev.croupier.workflows.session.PostedRound;
import dev.croupier.workflows.session.RoundPosting;
import dev.croupier.workflows.session.SessionAccounts;
import io.grpc.StatusRuntimeException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The session's wallet calls. Business errors (insufficient funds, an idempotency conflict …) are
 * non-retryable failures typed with the error code. Everything else, including {@code
 * DEADLINE_EXCEEDED} and {@code UNAVAILABLE}, is thrown as is and retried by the activity's retry
 * policy with the same idempotency key: the wallet then answers with the original result, which is
 * how an unknown outcome is reconciled.
 */
public final class LedgerActivitiesImpl implements LedgerActivities {
  /** What the house puts back into a paid jackpot pool unless told otherwise: 100.00 COIN. */
  public static final long DEFAULT_JACKPOT_RESEED = 10_000;

  /** Metadata keys on a round's transaction; findRound reads them back. */
  static final String REQUEST_ID = "requestId";

  static final String SPINS = "spins";
  static final String CLIENT_SEED = "clientSeed";
  static final String GAME = "game";
  static final String STAKE = "stake";
  static final String WIN = "win";
  static final String CONTRIBUTION = "jackpotContribution";
  static final String JACKPOT_HIT = "jackpotHit";
  static final String PLAYER_ACCOUNT = "playerAccount";

  private final WalletGrpc.WalletBlockingStub wallet;
  private final Duration deadline;
  private final long jackpotReseed;
  private final MeterRegistry meters;
  private final Map<String, Counter> rounds = new ConcurrentHashMap<>();
  // System accounts never change once opened: one lookup per currency and type per process.
  private final Map<String, Long> systemAccounts = new ConcurrentHashMap<>();

  /**
   * @param wallet a stub on a mutual-TLS channel that presents the workers' certificate
   * @param deadline the deadline of each call; a call that exceeds it is retried with the same key
   */
  public LedgerActivitiesImpl(WalletGrpc.WalletBlockingStub wallet, Duration deadline) {
    this(wallet, deadline, DEFAULT_JACKPOT_RESEED);
  }

  /**
   * @param wallet a stub on a mutual-TLS channel that presents the workers' certificate
   * @param deadline the deadline of each call; a call that exceeds it is retried with the same key
   * @param jackpotReseed minor units the house puts into a jackpot pool right after paying it, in
   *     the same post; {@code >= 0}
   */
  public LedgerActivitiesImpl(
      WalletGrpc.WalletBlockingStub wallet, Duration deadline, long jackpotReseed) {
    this(wallet, deadline, jackpotReseed, new CompositeMeterRegistry());
  }

  /**
   * @param wallet a stub with service-token credentials
   * @param deadline the deadline of each call; a call that exceeds it is retried with the same key
   * @param jackpotReseed minor units the house puts into a jackpot pool right after paying it, in
   *     the same post; {@code >= 0}
   * @param meters where {@code croupier.game.rounds{game}} (rounds posted, each once) goes
   */
  public LedgerActivitiesImpl(
      WalletGrpc.WalletBlockingStub wallet,
      Duration deadline,
      long jackpotReseed,
      MeterRegistry meters) {
    if (jackpotReseed < 0) {
      throw new IllegalArgumentException("jackpotReseed must be >= 0");
    }
    this.wallet = wallet;
    this.deadline = deadline;
    this.jackpotReseed = jackpotReseed;
    this.meters = meters;
  }

  @Override
  public SessionAccounts openAccounts(UUID userId, String currency) {
    try {
      long player = open(userId.toString(), currency, AccountType.PLAYER);
      long house = systemAccount(currency, AccountType.HOUSE);
      long pool = systemAccount(currency, AccountType.JACKPOT_POOL);
      long balance =
          stub()
              .getBalance(GetBalanceRequest.newBuilder().setAccountId(player).build())
              .getBalance();
      return new SessionAccounts(player, house, pool, currency, balance);
    } catch (StatusRuntimeException e) {
      throw classify(e);
    }
  }

  @Override
  public PostedRound postRound(RoundPosting p) {
    SessionAccounts a = p.accounts();
    String currency = a.currency();
    PostTransactionRequest.Builder request =
        PostTransactionRequest.newBuilder()
            .setIdempotencyKey(p.idempotencyKey())
            .setKind(TransactionKind.BET_AND_WIN)
            .setReference(
                Reference.newBuilder()
                    .setSessionId(p.sessionId().toString())
                    .setRound(p.round())
                    .build())
            .putAllMetadata(metadata(p))
            .addLegs(leg(a.player(), currency, -p.stake()))
            .addLegs(leg(a.house(), currency, p.stake()));
    if (p.win() > 0) {
      request
          .addLegs(leg(a.house(), currency, -p.win()))
          .addLegs(leg(a.player(), currency, p.win()));
    }
    if (p.jackpotContribution() > 0) {
      request
          .addLegs(leg(a.house(), currency, -p.jackpotContribution()))
          .addLegs(leg(a.jackpotPool(), currency, p.jackpotContribution()));
    }
    try {
      PostTransactionResponse response = stub().postTransaction(request.build());
      if (!response.getReplayed()) {
        countRound(p.game());
      }
      long balance =
          response.getBalancesList().stream()
              .filter(b -> b.getAccountId() == a.player())
              .mapToLong(PostedBalance::getBalance)
              .findFirst()
              .orElseThrow(() -> new IllegalStateException("no player balance in the answer"));
      return new PostedRound(
          response.getTransactionId(),
          balance,
          response.getReplayed(),
          p.requestId(),
          p.spins(),
          p.clientSeed(),
          p.stake(),
          currency,
          p.win());
    } catch (StatusRuntimeException e) {
      throw classify(e);
    }
  }

  private void countRound(String game) {
    String tag = game == null || game.isBlank() ? "unknown" : game;
    rounds
        .computeIfAbsent(
            tag,
            g ->
                Counter.builder("croupier.game.rounds")
                    .description("Rounds posted to the ledger, each once, by game")
                    .tag("game", g)
                    .register(meters))
        .increment();
  }

  @Override
  public PostedRound findRound(String idempotencyKey) {
    Transaction t;
    try {
      t =
          stub()
              .getTransaction(
                  GetTransactionRequest.newBuilder().setIdempotencyKey(idempotencyKey).build());
    } catch (StatusRuntimeException e) {
      if (WalletErrors.codeOf(e).orElse(null) == ErrorCode.UNKNOWN_TRANSACTION) {
        return null;
      }
      throw classify(e);
    }
    Map<String, String> m = t.getMetadataMap();
    long player = Long.parseLong(m.get(PLAYER_ACCOUNT));
    long balance = 0;
    String currency = "";
    for (Entry e : t.getEntriesList()) {
      if (e.getAccountId() == player) {
        balance = e.getBalanceAfter();
        currency = e.getCurrency();
      }
    }
    return new PostedRound(
        t.getTransactionId(),
        balance,
        true,
        m.get(REQUEST_ID),
        Integer.parseInt(m.getOrDefault(SPINS, "1")),
        m.get(CLIENT_SEED),
        Long.parseLong(m.get(STAKE)),
        currency,
        Long.parseLong(m.getOrDefault(WIN, "0")));
  }

  /**
   * {@inheritDoc}
   *
   * <p>An {@code IDEMPOTENCY_CONFLICT} on the payout's key means this winner was already paid under
   * it with another reseed (the setting changed between two attempts): that payout is looked up by
   * key and answered, marked replayed, instead of paying again.
   */
  @Override
  public JackpotPaid payJackpot(JackpotPayout p) {
    SessionAccounts a = p.accounts();
    PayJackpotRequest request =
        PayJackpotRequest.newBuilder()
            .setIdempotencyKey(p.idempotencyKey())
            .setCurrency(a.currency())
            .setWinnerAccountId(a.player())
            .setReseedAmount(jackpotReseed)
            .setReference(
                Reference.newBuilder()
                    .setSessionId(p.sessionId().toString())
                    .setRound(p.round())
                    .build())
            .build();
    try {
      PayJackpotResponse r = stub().payJackpot(request);
      return new JackpotPaid(
          r.getTransactionId(),
          r.getAmountWon(),
          r.getWinnerBalance(),
          r.getPoolBalance(),
          r.getReplayed());
    } catch (StatusRuntimeException e) {
      ErrorCode code = WalletErrors.codeOf(e).orElse(null);
      if (code == ErrorCode.INVALID_AMOUNT && jackpotReseed == 0) {
        // An empty pool and nothing to reseed: nothing to post, and the key stays unused.
        return JackpotPaid.NOTHING;
      }
      if (code == ErrorCode.IDEMPOTENCY_CONFLICT) {
        JackpotPaid earlier = findJackpot(p);
        if (earlier != null) {
          return earlier;
        }
      }
      throw classify(e);
    }
  }

  /** The JACKPOT_WIN posted for this payout's session and round under its key, or null. */
  private JackpotPaid findJackpot(JackpotPayout p) {
    Transaction t;
    try {
      t =
          stub()
              .getTransaction(
                  GetTransactionRequest.newBuilder().setIdempotencyKey(p.idempotencyKey()).build());
    } catch (StatusRuntimeException e) {
      if (WalletErrors.codeOf(e).orElse(null) == ErrorCode.UNKNOWN_TRANSACTION) {
        return null;
      }
      throw classify(e);
    }
    if (t.getKind() != TransactionKind.JACKPOT_WIN
        || !t.getReference().getSessionId().equals(p.sessionId().toString())
        || t.getReference().getRound() != p.round()) {
      return null;
    }
    long won = 0;
    long winnerBalance = 0;
    long poolBalance = 0;
    // Legs in the wallet's order: pool -P, winner +P (absent for an empty pool), house -R, pool +R.
    for (Entry e : t.getEntriesList()) {
      if (e.getAccountId() == p.accounts().player()) {
        won += e.getAmount();
        winnerBalance = e.getBalanceAfter();
      } else if (e.getAccountId() == p.accounts().jackpotPool()) {
        poolBalance = e.getBalanceAfter();
      }
    }
    if (won == 0 && t.getEntriesCount() != 2) {
      // The pool went to another account under this key.
      return null;
    }
    return new JackpotPaid(t.getTransactionId(), won, winnerBalance, poolBalance, true);
  }

  // Deterministic: the request hash covers the metadata, so a retry must send the same map.
  private static Map<String, String> metadata(RoundPosting p) {
    Map<String, String> m = new TreeMap<>();
    m.put(REQUEST_ID, p.requestId());
    m.put(SPINS, String.valueOf(p.spins()));
    m.put(CLIENT_SEED, p.clientSeed());
    m.put(GAME, p.game());
    m.put(STAKE, String.valueOf(p.stake()));
    m.put(WIN, String.valueOf(p.win()));
    m.put(CONTRIBUTION, String.valueOf(p.jackpotContribution()));
    m.put(JACKPOT_HIT, String.valueOf(p.jackpotHit()));
    m.put(PLAYER_ACCOUNT, String.valueOf(p.accounts().player()));
    return m;
  }

  private long systemAccount(String currency, AccountType type) {
    return systemAccounts.computeIfAbsent(currency + "/" + type, k -> open("", currency, type));
  }

  private long open(String owner, String currency, AccountType type) {
    return WalletCalls.openAccount(stub(), owner, currency, type);
  }

  private WalletGrpc.WalletBlockingStub stub() {
    return wallet.withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS);
  }

  private static RuntimeException classify(StatusRuntimeException e) {
    return WalletCalls.classify(e);
  }
}
