package dev.croupier.wallet.grpc;

import dev.croupier.api.wallet.v1.Balance;
import dev.croupier.api.wallet.v1.CurrencyInfo;
import dev.croupier.api.wallet.v1.GetBalanceRequest;
import dev.croupier.api.wallet.v1.GetBalancesRequest;
import dev.croupier.api.wallet.v1.GetBalancesResponse;
import dev.croupier.api.wallet.v1.GetOwnerAccountsRequest;
import dev.croupier.api.wallet.v1.GetOwnerAccountsResponse;
import dev.croupier.api.wallet.v1.GetTransactionRequest;
import dev.croupier.api.wallet.v1.ListCurrenciesRequest;
import dev.croupier.api.wallet.v1.ListCurrenciesResponse;
import dev.croupier.api.wallet.v1.ListEntriesRequest;
import dev.croupier.api.wallet.v1.ListEntriesResponse;
import dev.croupier.api.wallet.v1.OpenAccountRequest;
import dev.croupier.api.wallet.v1.OpenAccountResponse;
import dev.croupier.api.wallet.v1.PayJackpotRequest;
import dev.croupier.api.wallet.v1.PayJackpotResponse;
import dev.croupier.api.wallet.v1.PostTransactionRequest;
import dev.croupier.api.wallet.v1.PostTransactionResponse;
import dev.croupier.api.wallet.v1.ReverseTransactionRequest;
import dev.croupier.api.wallet.v1.Transaction;
import dev.croupier.api.wallet.v1.WalletGrpc;
import dev.croupier.api.wallet.v1.WelcomeGrant;
import dev.croupier.errors.ErrorCode;
import dev.croupier.wallet.accounts.AccountService;
import dev.croupier.wallet.accounts.OpenedAccount;
import dev.croupier.wallet.api.TlsCallerInterceptor;
import dev.croupier.wallet.api.WalletErrors;
import dev.croupier.wallet.auth.WalletAuthorization;
import dev.croupier.wallet.auth.WalletCall;
import dev.croupier.wallet.history.EntryPage;
import dev.croupier.wallet.history.EntryQuery;
import dev.croupier.wallet.history.LedgerHistory;
import dev.croupier.wallet.history.TransactionView;
import dev.croupier.wallet.jackpot.JackpotPayouts;
import dev.croupier.wallet.ledger.AccountType;
import dev.croupier.wallet.ledger.LedgerException;
import dev.croupier.wallet.ledger.TransactionKind;
import dev.croupier.wallet.posting.Leg;
import dev.croupier.wallet.posting.PostRequest;
import dev.croupier.wallet.posting.PostResult;
import dev.croupier.wallet.posting.PostingEngine;
import dev.croupier.wallet.posting.Reversals;
import io.grpc.Context;
import io.grpc.Deadline;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code croupier.wallet.v1.Wallet} service: protobuf in, the caller's authorization, ledger
 * calls, protobuf out. Every method asks {@link WalletAuthorization} before it reads or writes.
 */
public final class WalletGrpcService extends WalletGrpc.WalletImplBase {
  private static final Logger log = LoggerFactory.getLogger(WalletGrpcService.class);
  private static final String CURSOR_PREFIX = "v1:";
  // Newest-first pages: the token names the entry below which the next page starts.
  private static final String DESCENDING_CURSOR_PREFIX = "v1d:";

  private final PostingEngine engine;
  private final AccountService accounts;
  private final LedgerHistory history;
  private final Executor responses;
  private final JackpotPayouts jackpots;
  private final WalletAuthorization authorization;
  private final WelcomeGrantPolicy welcome;

  /**
   * The wallet's own welcome grant: what {@code OpenAccount} with {@code welcome_grant} posts, once
   * per player, from the PROMO account of {@code currency}. An amount of 0 posts nothing.
   */
  public record WelcomeGrantPolicy(String currency, long amount) {
    public static final WelcomeGrantPolicy NONE = new WelcomeGrantPolicy("COIN", 0);

    /** The grant's idempotency key for a player. */
    public static String key(String ownerId) {
      return "grant/welcome/" + ownerId;
    }
  }

  /**
   * @param responses runs the response of a post, so committer threads go straight back to work
   * @param authorization asked first by every method, with the caller named by {@link
   *     TlsCallerInterceptor#CALLER}
   */
  public WalletGrpcService(
      PostingEngine engine,
      AccountService accounts,
      LedgerHistory history,
      Executor responses,
      WalletAuthorization authorization,
      WelcomeGrantPolicy welcome) {
    this.engine = engine;
    this.accounts = accounts;
    this.history = history;
    this.responses = responses;
    this.jackpots = new JackpotPayouts(accounts);
    this.authorization = authorization;
    this.welcome = welcome;
  }

  private void authorize(WalletCall call) {
    String caller = TlsCallerInterceptor.CALLER.get();
    authorization.check(caller == null ? "" : caller, call);
  }

  @Override
  public void postTransaction(
      PostTransactionRequest request, StreamObserver<PostTransactionResponse> observer) {
    PostRequest post;
    try {
      post = ProtoMapping.request(request);
      authorize(
          new WalletCall.Post(
              post.kind(),
              post.idempotencyKey(),
              post.legs().stream().map(Leg::accountId).distinct().toList()));
    } catch (LedgerException e) {
      observer.onError(toStatus(e));
      return;
    }
    submit(post, observer);
  }

  @Override
  public void reverseTransaction(
      ReverseTransactionRequest request, StreamObserver<PostTransactionResponse> observer) {
    PostRequest post;
    try {
      // Asked twice: before the lookup, so a caller that may reverse nothing learns nothing of
      // the ledger, and with the transaction, whose key and kind decide the rest.
      authorize(new WalletCall.Reverse(request.getIdempotencyKey(), Optional.empty()));
      TransactionView reversed = history.transaction(request.getTransactionId());
      authorize(
          new WalletCall.Reverse(
              request.getIdempotencyKey(),
              Optional.of(new WalletCall.Reversed(reversed.idempotencyKey(), reversed.kind()))));
      post =
          Reversals.of(
              request.getIdempotencyKey(),
              reversed,
              ProtoMapping.reference(request.getReference()),
              request.getMetadataMap());
    } catch (RuntimeException e) {
      observer.onError(toStatus(e));
      return;
    }
    submit(post, observer);
  }

  @Override
  public void payJackpot(PayJackpotRequest request, StreamObserver<PayJackpotResponse> observer) {
    JackpotPayouts.Payout payout =
        new JackpotPayouts.Payout(
            request.getIdempotencyKey(),
            request.getCurrency(),
            request.getWinnerAccountId(),
            request.getReseedAmount(),
            ProtoMapping.reference(request.getReference()),
            request.getMetadataMap());
    PostRequest post;
    try {
      authorize(new WalletCall.PayJackpot(payout.idempotencyKey(), payout.winnerAccountId()));
      post = jackpots.request(payout);
    } catch (RuntimeException e) {
      observer.onError(toStatus(e));
      return;
    }
    submit(post, observer, r -> ProtoMapping.paid(jackpots.paid(payout, r)));
  }

  private void submit(PostRequest post, StreamObserver<PostTransactionResponse> observer) {
    submit(post, observer, ProtoMapping::response);
  }

  private <T> void submit(
      PostRequest post, StreamObserver<T> observer, Function<PostResult, T> mapping) {
    Deadline deadline = Context.current().getDeadline();
    long deadlineNanos =
        deadline == null
            ? Long.MAX_VALUE
            : System.nanoTime() + deadline.timeRemaining(TimeUnit.NANOSECONDS);
    CompletableFuture<PostResult> result = engine.submit(post, deadlineNanos);
    result.whenCompleteAsync(
        (r, e) -> {
          if (e == null) {
            T value;
            try {
              value = mapping.apply(r);
            } catch (RuntimeException ex) {
              observer.onError(toStatus(ex));
              return;
            }
            observer.onNext(value);
            observer.onCompleted();
          } else {
            observer.onError(toStatus(e));
          }
        },
        responses);
  }

  @Override
  public void openAccount(
      OpenAccountRequest request, StreamObserver<OpenAccountResponse> observer) {
    unary(
        observer,
        () -> {
          AccountType type = ProtoMapping.type(request.getType());
          authorize(new WalletCall.Open(type, request.getWelcomeGrant()));
          if (request.getWelcomeGrant() && type != AccountType.PLAYER) {
            throw new LedgerException(
                ErrorCode.VALIDATION_FAILED, "a welcome grant is for PLAYER accounts only");
          }
          OpenedAccount opened =
              accounts.open(ProtoMapping.owner(request.getOwnerId()), request.getCurrency(), type);
          OpenAccountResponse.Builder b =
              OpenAccountResponse.newBuilder()
                  .setAccount(ProtoMapping.account(opened.account()))
                  .setCreated(opened.created());
          if (request.getWelcomeGrant()) {
            welcomeGrant(opened, request.getOwnerId()).ifPresent(b::setWelcomeGrant);
          }
          return b.build();
        });
  }

  /** Posts the configured welcome grant once per player and waits for its durable result. */
  private Optional<WelcomeGrant> welcomeGrant(OpenedAccount player, String ownerId) {
    if (welcome.amount() <= 0 || !welcome.currency().equals(player.account().currency())) {
      return Optional.empty();
    }
    long promo = accounts.systemAccount(welcome.currency(), AccountType.PROMO).id();
    long accountId = player.account().id();
    PostRequest post =
        new PostRequest(
            WelcomeGrantPolicy.key(ownerId),
            TransactionKind.GRANT,
            List.of(
                new Leg(promo, welcome.currency(), -welcome.amount()),
                new Leg(accountId, welcome.currency(), welcome.amount())),
            dev.croupier.wallet.ledger.Reference.NONE,
            Map.of("reason", "welcome", "user_id", ownerId));
    Deadline deadline = Context.current().getDeadline();
    long deadlineNanos =
        deadline == null
            ? Long.MAX_VALUE
            : System.nanoTime() + deadline.timeRemaining(TimeUnit.NANOSECONDS);
    PostResult r;
    try {
      r = engine.submit(post, deadlineNanos).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LedgerException(ErrorCode.UNAVAILABLE, "interrupted");
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException(e.getCause());
    }
    long balance =
        r.balances().stream()
            .filter(b -> b.accountId() == accountId)
            .mapToLong(b -> b.balance())
            .findFirst()
            .orElse(welcome.amount());
    return Optional.of(
        WelcomeGrant.newBuilder()
            .setTransactionId(r.transactionId())
            .setAmount(welcome.amount())
            .setBalance(balance)
            .setReplayed(r.replayed())
            .build());
  }

  @Override
  public void getBalance(GetBalanceRequest request, StreamObserver<Balance> observer) {
    unary(
        observer,
        () -> {
          authorize(new WalletCall.Read("GetBalance", List.of(request.getAccountId())));
          return ProtoMapping.balance(accounts.balance(request.getAccountId()));
        });
  }

  @Override
  public void getBalances(
      GetBalancesRequest request, StreamObserver<GetBalancesResponse> observer) {
    unary(
        observer,
        () -> {
          if (request.getAccountIdsCount() > 1000) {
            throw new LedgerException(
                ErrorCode.VALIDATION_FAILED, "at most 1000 accounts per call");
          }
          authorize(new WalletCall.Read("GetBalances", request.getAccountIdsList()));
          GetBalancesResponse.Builder b = GetBalancesResponse.newBuilder();
          accounts
              .balances(request.getAccountIdsList())
              .forEach(x -> b.addBalances(ProtoMapping.balance(x)));
          return b.build();
        });
  }

  @Override
  public void getOwnerAccounts(
      GetOwnerAccountsRequest request, StreamObserver<GetOwnerAccountsResponse> observer) {
    unary(
        observer,
        () -> {
          UUID owner =
              ProtoMapping.owner(request.getOwnerId())
                  .orElseThrow(
                      () -> new LedgerException(ErrorCode.VALIDATION_FAILED, "owner_id is empty"));
          List<dev.croupier.wallet.accounts.AccountBalance> owned = accounts.ownerAccounts(owner);
          // Authorized on the accounts found: the caller must be allowed to read every one.
          authorize(
              new WalletCall.Read(
                  "GetOwnerAccounts",
                  owned.stream()
                      .map(dev.croupier.wallet.accounts.AccountBalance::accountId)
                      .toList()));
          GetOwnerAccountsResponse.Builder b = GetOwnerAccountsResponse.newBuilder();
          owned.forEach(x -> b.addBalances(ProtoMapping.balance(x)));
          return b.build();
        });
  }

  @Override
  public void listEntries(
      ListEntriesRequest request, StreamObserver<ListEntriesResponse> observer) {
    unary(
        observer,
        () -> {
          authorize(
              new WalletCall.Read(
                  "ListEntries",
                  request.getAccountId() == 0 ? List.of() : List.of(request.getAccountId())));
          boolean newestFirst = request.getNewestFirst();
          EntryPage page =
              history.entries(
                  new EntryQuery(
                      request.getAccountId(),
                      ProtoMapping.instant(request.hasFrom(), request.getFrom()),
                      ProtoMapping.instant(request.hasTo(), request.getTo()),
                      ProtoMapping.reference(request.getReference()),
                      request.getPageSize(),
                      cursor(request.getPageToken(), newestFirst),
                      newestFirst));
          ListEntriesResponse.Builder b = ListEntriesResponse.newBuilder();
          page.entries().forEach(e -> b.addEntries(ProtoMapping.entry(e)));
          page.nextAfterEntryId().ifPresent(id -> b.setNextPageToken(token(id, newestFirst)));
          return b.build();
        });
  }

  @Override
  public void getTransaction(GetTransactionRequest request, StreamObserver<Transaction> observer) {
    unary(
        observer,
        () -> {
          authorize(new WalletCall.ReadTransaction());
          return ProtoMapping.transaction(
              switch (request.getByCase()) {
                case TRANSACTION_ID -> history.transaction(request.getTransactionId());
                case IDEMPOTENCY_KEY -> history.transactionByKey(request.getIdempotencyKey());
                case BY_NOT_SET ->
                    throw new LedgerException(
                        ErrorCode.VALIDATION_FAILED, "give a transaction ID or key");
              });
        });
  }

  @Override
  public void listCurrencies(
      ListCurrenciesRequest request, StreamObserver<ListCurrenciesResponse> observer) {
    unary(
        observer,
        () -> {
          authorize(new WalletCall.ReadCurrencies());
          ListCurrenciesResponse.Builder b = ListCurrenciesResponse.newBuilder();
          for (var c : accounts.currencies()) {
            b.addCurrencies(
                CurrencyInfo.newBuilder()
                    .setCode(c.currency().code())
                    .setKind(c.currency().kind().name())
                    .setScale(c.currency().scale())
                    .setUsable(c.usable()));
          }
          return b.build();
        });
  }

  private static String token(long entryId, boolean newestFirst) {
    String prefix = newestFirst ? DESCENDING_CURSOR_PREFIX : CURSOR_PREFIX;
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString((prefix + entryId).getBytes(StandardCharsets.US_ASCII));
  }

  /** The entry a page continues from; 0 for the first page. */
  private static long cursor(String token, boolean newestFirst) {
    if (token.isEmpty()) {
      return 0;
    }
    String prefix = newestFirst ? DESCENDING_CURSOR_PREFIX : CURSOR_PREFIX;
    try {
      String s = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.US_ASCII);
      if (s.startsWith(prefix)) {
        long id = Long.parseLong(s.substring(prefix.length()));
        if (id > 0 || (id == 0 && !newestFirst)) {
          return id;
        }
      }
    } catch (IllegalArgumentException e) {
      // falls through to the error below
    }
    throw new LedgerException(ErrorCode.VALIDATION_FAILED, "bad page token");
  }

  private static <T> void unary(StreamObserver<T> observer, Supplier<T> call) {
    T value;
    try {
      value = call.get();
    } catch (RuntimeException e) {
      observer.onError(toStatus(e));
      return;
    }
    observer.onNext(value);
    observer.onCompleted();
  }

  /** Ledger errors carry their code; anything else becomes INTERNAL, logged, with no detail. */
  static Throwable toStatus(Throwable e) {
    Throwable t = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
    if (t instanceof LedgerException le) {
      return WalletErrors.exception(le.code(), le.getMessage());
    }
    if (t instanceof TimeoutException) {
      return Status.DEADLINE_EXCEEDED.withDescription(t.getMessage()).asRuntimeException();
    }
    log.error("Unexpected failure in a wallet call", t);
    return WalletErrors.exception(ErrorCode.INTERNAL, "unexpected failure; nothing was written");
  }
}
