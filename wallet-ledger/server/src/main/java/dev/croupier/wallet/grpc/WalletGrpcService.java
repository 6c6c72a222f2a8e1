package dev.croupier.wallet.grpc;

import dev.croupier.api.wallet.v1.Balance;
import dev.croupier.api.wallet.v1.CurrencyInfo;
import dev.croupier.api.wallet.v1.GetBalanceRequest;
import dev.croupier.api.wallet.v1.GetBalancesRequest;
import dev.croupier.api.wallet.v1.GetBalancesResponse;
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
import dev.croupier.errors.ErrorCode;
import dev.croupier.wallet.accounts.AccountService;
import dev.croupier.wallet.accounts.OpenedAccount;
import dev.croupier.wallet.api.WalletErrors;
import dev.croupier.wallet.history.EntryPage;
import dev.croupier.wallet.history.EntryQuery;
import dev.croupier.wallet.history.LedgerHistory;
import dev.croupier.wallet.jackpot.JackpotPayouts;
import dev.croupier.wallet.ledger.LedgerException;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The {@code croupier.wallet.v1.Wallet} service: protobuf in, ledger calls, protobuf out. */
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

  /**
   * @param responses runs the response of a post, so committer threads go straight back to work
   */
  public WalletGrpcService(
      PostingEngine engine, AccountService accounts, LedgerHistory history, Executor responses) {
    this.engine = engine;
    this.accounts = accounts;
    this.history = history;
    this.responses = responses;
    this.jackpots = new JackpotPayouts(accounts);
  }

  @Override
  public void postTransaction(
      PostTransactionRequest request, StreamObserver<PostTransactionResponse> observer) {
    PostRequest post;
    try {
      post = ProtoMapping.request(request);
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
      post =
          Reversals.of(
              request.getIdempotencyKey(),
              history.transaction(request.getTransactionId()),
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
          OpenedAccount opened =
              accounts.open(
                  ProtoMapping.owner(request.getOwnerId()),
                  request.getCurrency(),
                  ProtoMapping.type(request.getType()));
          return OpenAccountResponse.newBuilder()
              .setAccount(ProtoMapping.account(opened.account()))
              .setCreated(opened.created())
              .build();
        });
  }

  @Override
  public void getBalance(GetBalanceRequest request, StreamObserver<Balance> observer) {
    unary(observer, () -> ProtoMapping.balance(accounts.balance(request.getAccountId())));
  }

  @Override
  public void getBalances(
      GetBalancesRequest request, StreamObserver<GetBalancesResponse> observer) {
    unary(
        observer,
        () -> {
          GetBalancesResponse.Builder b = GetBalancesResponse.newBuilder();
          accounts
              .balances(request.getAccountIdsList())
              .forEach(x -> b.addBalances(ProtoMapping.balance(x)));
          return b.build();
        });
  }

  @Override
  public void listEntries(
      ListEntriesRequest request, StreamObserver<ListEntriesResponse> observer) {
    unary(
        observer,
        () -> {
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
        () ->
            ProtoMapping.transaction(
                switch (request.getByCase()) {
                  case TRANSACTION_ID -> history.transaction(request.getTransactionId());
                  case IDEMPOTENCY_KEY -> history.transactionByKey(request.getIdempotencyKey());
                  case BY_NOT_SET ->
                      throw new LedgerException(
                          ErrorCode.VALIDATION_FAILED, "give a transaction ID or key");
                }));
  }

  @Override
  public void listCurrencies(
      ListCurrenciesRequest request, StreamObserver<ListCurrenciesResponse> observer) {
    unary(
        observer,
        () -> {
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
