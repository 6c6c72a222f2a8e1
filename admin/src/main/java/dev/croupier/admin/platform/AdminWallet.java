package dev.croupier.admin.platform;

import com.google.protobuf.Timestamp;
import dev.croupier.api.wallet.v1.AccountType;
import dev.croupier.api.wallet.v1.Entry;
import dev.croupier.api.wallet.v1.GetBalanceRequest;
import dev.croupier.api.wallet.v1.GetOwnerAccountsRequest;
import dev.croupier.api.wallet.v1.GetTransactionRequest;
import dev.croupier.api.wallet.v1.Leg;
import dev.croupier.api.wallet.v1.ListEntriesRequest;
import dev.croupier.api.wallet.v1.ListEntriesResponse;
import dev.croupier.api.wallet.v1.OpenAccountRequest;
import dev.croupier.api.wallet.v1.PostTransactionRequest;
import dev.croupier.api.wallet.v1.PostTransactionResponse;
import dev.croupier.api.wallet.v1.PostedBalance;
import dev.croupier.api.wallet.v1.Transaction;
import dev.croupier.api.wallet.v1.TransactionKind;
import dev.croupier.api.wallet.v1.WalletGrpc;
import dev.croupier.errors.CroupierException;
import dev.croupier.errors.ErrorCode;
import dev.croupier.wallet.api.WalletErrors;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The wallet as the back office uses it, over gRPC under admin's own service identity: players'
 * accounts, balances and entries, and the adjustments staff post. Our records at the edge; a
 * refusal is a {@link CroupierException} with the wallet's code, an unreachable wallet {@code
 * UNAVAILABLE}.
 */
public final class AdminWallet {

  /**
   * One ledger entry of an account.
   *
   * @param sessionId the game session it belongs to, or empty
   * @param round its round in the session, or 0
   * @param tableId the table it belongs to, or empty
   */
  public record LedgerEntry(
      long entryId,
      long transactionId,
      Instant createdAt,
      String kind,
      String currency,
      long amount,
      long balanceAfter,
      String sessionId,
      long round,
      String tableId) {}

  /** One account of an owner, with its committed balance. */
  public record OwnedAccount(long accountId, String currency, String type, long balance) {}

  /**
   * What the wallet answered to a post.
   *
   * @param balanceAfter the player's balance right after it
   * @param replayed whether it had already been posted under this key
   */
  public record Post(long transactionId, long balanceAfter, boolean replayed) {}

  /**
   * One table money movement that touched a player's account (a buy-in or a cash-out), as the
   * wallet holds it.
   *
   * @param idempotencyKey {@code table-<id>/seat-<n>/buyin-<k>} or {@code …/cashout-<k>}
   * @param kind {@code BUY_IN}, {@code CASH_OUT} …
   * @param hand the metadata {@code hand}: the last hand the table had started when it was posted
   * @param legs every entry of the transaction
   */
  public record TableTransfer(
      long transactionId, String idempotencyKey, String kind, long hand, List<TransferLeg> legs) {}

  /** One entry of a {@link TableTransfer}: signed minor units. */
  public record TransferLeg(long accountId, String currency, long amount) {}

  private final LazyChannel channel;
  private final Duration deadline;

  AdminWallet(LazyChannel channel, Duration deadline) {
    this.channel = channel;
    this.deadline = deadline;
  }

  /** The player's account in {@code currency}, opened if they have none yet. */
  public long playerAccount(UUID userId, String currency) {
    return account(userId.toString(), currency, AccountType.PLAYER);
  }

  /** A system account (house, promo budget, jackpot pool) of {@code currency}. */
  public long systemAccount(AccountType type, String currency) {
    return account("", currency, type);
  }

  /** Every account of {@code owner} with its balance; opens nothing. */
  public List<OwnedAccount> ownerAccounts(UUID owner) {
    return call(
        () ->
            wallet()
                .getOwnerAccounts(
                    GetOwnerAccountsRequest.newBuilder().setOwnerId(owner.toString()).build())
                .getBalancesList()
                .stream()
                .map(
                    b ->
                        new OwnedAccount(
                            b.getAccountId(), b.getCurrency(), b.getType().name(), b.getBalance()))
                .toList());
  }

  /** Who owns account {@code accountId}, if it exists and has an owner. */
  public Optional<UUID> accountOwner(long accountId) {
    try {
      String owner =
          call(
              () ->
                  wallet()
                      .getBalance(GetBalanceRequest.newBuilder().setAccountId(accountId).build())
                      .getOwnerId());
      return owner.isEmpty() ? Optional.empty() : Optional.of(UUID.fromString(owner));
    } catch (CroupierException e) {
      if (e.code() == ErrorCode.UNKNOWN_ACCOUNT) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /** The balance of an account. */
  public long balance(long accountId) {
    return call(
        () ->
            wallet()
                .getBalance(GetBalanceRequest.newBuilder().setAccountId(accountId).build())
                .getBalance());
  }

  /** The most recent {@code limit} entries of an account within {@code window}, newest first. */
  public List<LedgerEntry> lastEntries(long accountId, Duration window, int limit) {
    return call(
        () -> {
          Deque<LedgerEntry> last = new ArrayDeque<>();
          String token = "";
          Instant from = Instant.now().minus(window);
          do {
            ListEntriesResponse page =
                wallet()
                    .listEntries(
                        ListEntriesRequest.newBuilder()
                            .setAccountId(accountId)
                            .setFrom(timestamp(from))
                            .setPageSize(1000)
                            .setPageToken(token)
                            .build());
            for (Entry e : page.getEntriesList()) {
              last.addFirst(entry(e));
              if (last.size() > limit) {
                last.removeLast();
              }
            }
            token = page.getNextPageToken();
          } while (!token.isEmpty());
          return new ArrayList<>(last);
        });
  }

  /**
   * Every table transaction (its entry's reference names a table) that touched one of {@code
   * accounts} before {@code to}, in ledger order; at most {@code max}.
   *
   * @throws CroupierException {@code EXPORT_SCOPE_TOO_LARGE} when there are more than {@code max}
   */
  public List<TableTransfer> tableTransfers(List<Long> accounts, Instant to, int max) {
    return call(
        () -> {
          Set<Long> ids = new LinkedHashSet<>();
          for (long account : accounts) {
            String token = "";
            do {
              ListEntriesResponse page =
                  wallet()
                      .listEntries(
                          ListEntriesRequest.newBuilder()
                              .setAccountId(account)
                              .setTo(timestamp(to))
                              .setPageSize(1000)
                              .setPageToken(token)
                              .build());
              for (Entry e : page.getEntriesList()) {
                if (!e.getReference().getTableId().isEmpty()) {
                  ids.add(e.getTransactionId());
                }
              }
              if (ids.size() > max) {
                throw new CroupierException(
                    ErrorCode.EXPORT_SCOPE_TOO_LARGE,
                    "more than " + max + " table transactions of this player; narrow the range");
              }
              token = page.getNextPageToken();
            } while (!token.isEmpty());
          }
          List<TableTransfer> out = new ArrayList<>();
          for (long id : ids.stream().sorted().toList()) {
            Transaction t =
                wallet()
                    .getTransaction(
                        GetTransactionRequest.newBuilder().setTransactionId(id).build());
            out.add(
                new TableTransfer(
                    t.getTransactionId(),
                    t.getIdempotencyKey(),
                    t.getKind().name(),
                    Long.parseLong(t.getMetadataOrDefault("hand", "0")),
                    t.getEntriesList().stream()
                        .map(e -> new TransferLeg(e.getAccountId(), e.getCurrency(), e.getAmount()))
                        .toList()));
          }
          return out;
        });
  }

  /**
   * Posts a staff adjustment to the player's account: a GRANT from the promo budget, or an
   * ADJUSTMENT to or from the house. Idempotent under {@code key}.
   */
  public Post postAdjustment(
      String key,
      UUID userId,
      String currency,
      String kind,
      long amount,
      Map<String, String> metadata) {
    long player = playerAccount(userId, currency);
    long other =
        systemAccount("GRANT".equals(kind) ? AccountType.PROMO : AccountType.HOUSE, currency);
    PostTransactionResponse r =
        call(
            () ->
                wallet()
                    .postTransaction(
                        PostTransactionRequest.newBuilder()
                            .setIdempotencyKey(key)
                            .setKind(TransactionKind.valueOf(kind))
                            .addLegs(leg(other, currency, -amount))
                            .addLegs(leg(player, currency, amount))
                            .putAllMetadata(metadata)
                            .build()));
    long balance =
        r.getBalancesList().stream()
            .filter(b -> b.getAccountId() == player)
            .mapToLong(PostedBalance::getBalance)
            .findFirst()
            .orElse(0);
    return new Post(r.getTransactionId(), balance, r.getReplayed());
  }

  private long account(String owner, String currency, AccountType type) {
    return call(
        () ->
            wallet()
                .openAccount(
                    OpenAccountRequest.newBuilder()
                        .setOwnerId(owner)
                        .setCurrency(currency)
                        .setType(type)
                        .build())
                .getAccount()
                .getAccountId());
  }

  private WalletGrpc.WalletBlockingStub wallet() {
    return WalletGrpc.newBlockingStub(channel.get())
        .withWaitForReady()
        .withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Closes the channel, if one was opened. */
  public void close() {
    channel.close();
  }

  private static <T> T call(Supplier<T> call) {
    try {
      return call.get();
    } catch (StatusRuntimeException e) {
      ErrorCode code = WalletErrors.codeOf(e).orElse(ErrorCode.UNAVAILABLE);
      throw new CroupierException(code, "wallet: " + code.description());
    }
  }

  private static Leg leg(long account, String currency, long amount) {
    return Leg.newBuilder().setAccountId(account).setCurrency(currency).setAmount(amount).build();
  }

  private static LedgerEntry entry(Entry e) {
    return new LedgerEntry(
        e.getEntryId(),
        e.getTransactionId(),
        Instant.ofEpochSecond(e.getCreatedAt().getSeconds(), e.getCreatedAt().getNanos()),
        e.getKind().name(),
        e.getCurrency(),
        e.getAmount(),
        e.getBalanceAfter(),
        e.getReference().getSessionId(),
        e.getReference().getRound(),
        e.getReference().getTableId());
  }

  private static Timestamp timestamp(Instant t) {
    return Timestamp.newBuilder().setSeconds(t.getEpochSecond()).setNanos(t.getNano()).build();
  }
}
