package dev.croupier.wallet;

import static dev.croupier.wallet.WalletHarness.leg;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.protobuf.Timestamp;
import dev.croupier.api.wallet.v1.AccountType;
import dev.croupier.api.wallet.v1.Entry;
import dev.croupier.api.wallet.v1.GetBalanceRequest;
import dev.croupier.api.wallet.v1.GetBalancesRequest;
import dev.croupier.api.wallet.v1.GetTransactionRequest;
import dev.croupier.api.wallet.v1.ListCurrenciesRequest;
import dev.croupier.api.wallet.v1.ListEntriesRequest;
import dev.croupier.api.wallet.v1.ListEntriesResponse;
import dev.croupier.api.wallet.v1.OpenAccountRequest;
import dev.croupier.api.wallet.v1.OpenAccountResponse;
import dev.croupier.api.wallet.v1.PostTransactionResponse;
import dev.croupier.api.wallet.v1.Reference;
import dev.croupier.api.wallet.v1.ReverseTransactionRequest;
import dev.croupier.api.wallet.v1.Transaction;
import dev.croupier.api.wallet.v1.TransactionKind;
import dev.croupier.errors.ErrorCode;
import dev.croupier.testsupport.PostgresDatabase;
import dev.croupier.testsupport.PostgresExtension;
import dev.croupier.wallet.api.WalletErrors;
import io.grpc.StatusRuntimeException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccountsAndReadsTest {
  private WalletHarness w;
  private long house;

  @BeforeAll
  void start(PostgresDatabase db) {
    w = WalletHarness.start(db);
    house = w.house("COIN");
  }

  @AfterAll
  void stop() {
    w.close();
  }

  private OpenAccountResponse open(String owner, AccountType type) {
    return w.wallet.openAccount(
        OpenAccountRequest.newBuilder()
            .setOwnerId(owner)
            .setCurrency("COIN")
            .setType(type)
            .build());
  }

  @Test
  void openAccountIsIdempotentPerOwnerCurrencyAndType() {
    String owner = UUID.randomUUID().toString();

    OpenAccountResponse first = open(owner, AccountType.PLAYER);
    OpenAccountResponse second = open(owner, AccountType.PLAYER);
    OpenAccountResponse escrow = open(owner, AccountType.TABLE_ESCROW);

    assertThat(first.getCreated()).isTrue();
    assertThat(second.getCreated()).isFalse();
    assertThat(second.getAccount()).isEqualTo(first.getAccount());
    assertThat(escrow.getAccount().getAccountId()).isNotEqualTo(first.getAccount().getAccountId());
    assertThat(first.getAccount().getAllowNegative()).isFalse();
    assertThat(first.getAccount().getSubAccounts()).isEqualTo(1);
  }

  @Test
  void anOwnersAccountsAreListedWithTheirBalancesAndNothingIsOpened() {
    String owner = UUID.randomUUID().toString();
    assertThat(
            w.wallet
                .getOwnerAccounts(
                    dev.croupier.api.wallet.v1.GetOwnerAccountsRequest.newBuilder()
                        .setOwnerId(owner)
                        .build())
                .getBalancesList())
        .as("an owner without accounts gets none, and none is opened")
        .isEmpty();
    long player = open(owner, AccountType.PLAYER).getAccount().getAccountId();
    long escrow = open(owner, AccountType.TABLE_ESCROW).getAccount().getAccountId();
    w.post("owner-list-" + owner, TransactionKind.ADJUSTMENT, leg(house, -250), leg(player, 250));

    var listed =
        w.wallet
            .getOwnerAccounts(
                dev.croupier.api.wallet.v1.GetOwnerAccountsRequest.newBuilder()
                    .setOwnerId(owner)
                    .build())
            .getBalancesList();
    assertThat(listed).extracting(b -> b.getAccountId()).containsExactly(player, escrow);
    assertThat(listed.get(0).getBalance()).isEqualTo(250);
    assertThat(listed).allMatch(b -> b.getOwnerId().equals(owner));
    assertThat(
            w.wallet
                .getBalance(GetBalanceRequest.newBuilder().setAccountId(house).build())
                .getOwnerId())
        .as("a system account has no owner")
        .isEmpty();
    assertThat(listed.get(0).getType()).isEqualTo(AccountType.PLAYER);
    assertThat(listed.get(1).getBalance()).isZero();

    StatusRuntimeException bad =
        catchThrowableOfType(
            StatusRuntimeException.class,
            () ->
                w.wallet.getOwnerAccounts(
                    dev.croupier.api.wallet.v1.GetOwnerAccountsRequest.newBuilder()
                        .setOwnerId("not-a-uuid")
                        .build()));
    assertThat(WalletErrors.codeOf(bad)).contains(ErrorCode.VALIDATION_FAILED);
  }

  @Test
  void concurrentOpensOfOneAccountCreateItOnce() throws Exception {
    String owner = UUID.randomUUID().toString();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Future<OpenAccountResponse>> calls = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      calls.add(pool.submit(() -> open(owner, AccountType.PLAYER)));
    }
    Set<Long> ids = new HashSet<>();
    int created = 0;
    for (Future<OpenAccountResponse> f : calls) {
      ids.add(f.get().getAccount().getAccountId());
      created += f.get().getCreated() ? 1 : 0;
    }
    pool.shutdown();

    assertThat(ids).hasSize(1);
    assertThat(created).isEqualTo(1);
  }

  @Test
  void theHouseIsOneAccountWithSixteenSubAccountsThatMayGoNegative() {
    OpenAccountResponse h = open("", AccountType.HOUSE);

    assertThat(h.getCreated()).isFalse();
    assertThat(h.getAccount().getAccountId()).isEqualTo(house);
    assertThat(h.getAccount().getSubAccounts()).isEqualTo(16);
    assertThat(h.getAccount().getAllowNegative()).isTrue();
  }

  @Test
  void playerAccountNeedsAValidOwner() {
    for (String owner : List.of("", "not-a-uuid")) {
      StatusRuntimeException e =
          catchThrowableOfType(StatusRuntimeException.class, () -> open(owner, AccountType.PLAYER));
      assertThat(WalletErrors.codeOf(e)).contains(ErrorCode.VALIDATION_FAILED);
    }
  }

  @Test
  void houseBalanceIsTheSumOfItsSubAccounts() {
    long before = w.balance(house);
    long p = w.fundedPlayer(1_000);
    for (int i = 0; i < 20; i++) {
      w.post("hb-" + i, TransactionKind.BET, leg(p, -10), leg(house, 10));
    }

    assertThat(
            w.wallet
                .getBalance(GetBalanceRequest.newBuilder().setAccountId(house).build())
                .getBalance())
        .isEqualTo(before + 200);
    assertThat(
            w.queryLong(
                "select count(distinct shard) from wallet.entry where account_id = "
                    + house
                    + " and transaction_id in (select id from wallet.transaction where idempotency_key like 'hb-%')"))
        .isGreaterThan(1);
  }

  @Test
  void getBalancesReturnsEveryAccountInRequestOrderOrFailsOnAnUnknownOne() {
    long a = w.fundedPlayer(10);
    long b = w.fundedPlayer(20);

    var r =
        w.wallet.getBalances(
            GetBalancesRequest.newBuilder().addAccountIds(b).addAccountIds(a).build());
    assertThat(r.getBalancesList()).extracting(x -> x.getBalance()).containsExactly(20L, 10L);
    assertThat(r.getBalances(0).getType()).isEqualTo(AccountType.PLAYER);

    StatusRuntimeException e =
        catchThrowableOfType(
            StatusRuntimeException.class,
            () ->
                w.wallet.getBalances(
                    GetBalancesRequest.newBuilder()
                        .addAccountIds(a)
                        .addAccountIds(999_999)
                        .build()));
    assertThat(WalletErrors.codeOf(e)).contains(ErrorCode.UNKNOWN_ACCOUNT);
    StatusRuntimeException one =
        catchThrowableOfType(
            StatusRuntimeException.class,
            () ->
                w.wallet.getBalance(GetBalanceRequest.newBuilder().setAccountId(999_999).build()));
    assertThat(WalletErrors.codeOf(one)).contains(ErrorCode.UNKNOWN_ACCOUNT);
  }

  @Test
  void listEntriesPagesByCursorAndFiltersByAccountReferenceAndTime() {
    long p = w.fundedPlayer(1_000);
    for (int i = 1; i <= 7; i++) {
      w.wallet.postTransaction(
          WalletHarness.request("le-" + i, TransactionKind.BET, leg(p, -i), leg(house, i))
              .toBuilder()
              .setReference(Reference.newBuilder().setSessionId("sess-le").setRound(i))
              .build());
    }

    List<Entry> all = new ArrayList<>();
    String token = "";
    int pages = 0;
    do {
      ListEntriesResponse page =
          w.wallet.listEntries(
              ListEntriesRequest.newBuilder()
                  .setAccountId(p)
                  .setPageSize(3)
                  .setPageToken(token)
                  .build());
      all.addAll(page.getEntriesList());
      token = page.getNextPageToken();
      pages++;
    } while (!token.isEmpty());

    assertThat(pages).isEqualTo(3);
    assertThat(all).hasSize(8);
    assertThat(all).extracting(Entry::getEntryId).isSorted();
    assertThat(all.get(0).getKind()).isEqualTo(TransactionKind.GRANT);
    assertThat(all.get(7).getBalanceAfter()).isEqualTo(1_000 - 28);

    ListEntriesResponse round5 =
        w.wallet.listEntries(
            ListEntriesRequest.newBuilder()
                .setReference(Reference.newBuilder().setSessionId("sess-le").setRound(5))
                .build());
    assertThat(round5.getEntriesList()).hasSize(2);
    assertThat(round5.getEntriesList())
        .extracting(Entry::getAmount)
        .containsExactlyInAnyOrder(-5L, 5L);

    ListEntriesResponse future =
        w.wallet.listEntries(
            ListEntriesRequest.newBuilder()
                .setAccountId(p)
                .setFrom(Timestamp.newBuilder().setSeconds(4_000_000_000L))
                .build());
    assertThat(future.getEntriesList()).isEmpty();
    StatusRuntimeException bad =
        catchThrowableOfType(
            StatusRuntimeException.class,
            () ->
                w.wallet.listEntries(ListEntriesRequest.newBuilder().setPageToken("%%%").build()));
    assertThat(WalletErrors.codeOf(bad)).contains(ErrorCode.VALIDATION_FAILED);
  }

  @Test
  void listEntriesPagesNewestFirstAndRefusesATokenOfTheOtherOrder() {
    long p = w.fundedPlayer(1_000);
    for (int i = 1; i <= 6; i++) {
      w.wallet.postTransaction(
          WalletHarness.request(
              "nf-" + p + "-" + i, TransactionKind.BET, leg(p, -i), leg(house, i)));
    }
    List<Entry> all = new ArrayList<>();
    List<String> tokens = new ArrayList<>();
    String token = "";
    do {
      ListEntriesResponse page =
          w.wallet.listEntries(
              ListEntriesRequest.newBuilder()
                  .setAccountId(p)
                  .setPageSize(3)
                  .setNewestFirst(true)
                  .setPageToken(token)
                  .build());
      all.addAll(page.getEntriesList());
      token = page.getNextPageToken();
      tokens.add(token);
    } while (!token.isEmpty());

    // 6 bets and the grant, newest first, in 3 pages; nothing twice, nothing lost.
    assertThat(all).hasSize(7);
    assertThat(all).extracting(Entry::getEntryId).isSortedAccordingTo((a, b) -> Long.compare(b, a));
    assertThat(all).extracting(Entry::getEntryId).doesNotHaveDuplicates();
    assertThat(all.get(0).getAmount()).isEqualTo(-6);
    assertThat(all.get(0).getBalanceAfter()).isEqualTo(1_000 - 21);
    assertThat(all.get(6).getKind()).isEqualTo(TransactionKind.GRANT);

    StatusRuntimeException otherOrder =
        catchThrowableOfType(
            StatusRuntimeException.class,
            () ->
                w.wallet.listEntries(
                    ListEntriesRequest.newBuilder()
                        .setAccountId(p)
                        .setPageToken(tokens.get(0))
                        .build()));
    assertThat(WalletErrors.codeOf(otherOrder)).contains(ErrorCode.VALIDATION_FAILED);
  }

  @Test
  void listCurrenciesGivesEachCurrencysScaleAndWhetherItIsUsable() {
    var currencies = w.wallet.listCurrencies(ListCurrenciesRequest.getDefaultInstance());
    assertThat(currencies.getCurrenciesList())
        .extracting(c -> c.getCode() + "/" + c.getKind() + "/" + c.getScale() + "/" + c.getUsable())
        // The migration's rows; CASH is off while the real-money switch is.
        .containsExactly("CASH/REAL/2/false", "COIN/PLAY/2/true");
  }

  @Test
  void getTransactionFindsByIdOrKeyWithEntriesAndMetadata() {
    long p = w.fundedPlayer(100);
    PostTransactionResponse posted =
        w.wallet.postTransaction(
            WalletHarness.request("gt-1", TransactionKind.BET, leg(p, -5), leg(house, 5))
                .toBuilder()
                .putMetadata("game", "slot-classic@1.0.0")
                .putMetadata("note", "quote \" and \\ backslash")
                .build());

    Transaction byId =
        w.wallet.getTransaction(
            GetTransactionRequest.newBuilder().setTransactionId(posted.getTransactionId()).build());
    Transaction byKey =
        w.wallet.getTransaction(
            GetTransactionRequest.newBuilder().setIdempotencyKey("gt-1").build());

    assertThat(byKey).isEqualTo(byId);
    assertThat(byId.getEntriesList()).extracting(Entry::getAmount).containsExactly(-5L, 5L);
    assertThat(byId.getMetadataMap())
        .containsEntry("game", "slot-classic@1.0.0")
        .containsEntry("note", "quote \" and \\ backslash");
    StatusRuntimeException e =
        catchThrowableOfType(
            StatusRuntimeException.class,
            () ->
                w.wallet.getTransaction(
                    GetTransactionRequest.newBuilder().setIdempotencyKey("nope").build()));
    assertThat(WalletErrors.codeOf(e)).contains(ErrorCode.UNKNOWN_TRANSACTION);
  }

  @Test
  void reversalPostsTheOppositeEntriesOnceAndPointsBack() {
    long p = w.fundedPlayer(100);
    PostTransactionResponse bet =
        w.post("rv-bet", TransactionKind.BET, leg(p, -40), leg(house, 40));
    ReverseTransactionRequest reverse =
        ReverseTransactionRequest.newBuilder()
            .setIdempotencyKey("rv-1")
            .setTransactionId(bet.getTransactionId())
            .build();

    PostTransactionResponse reversal = w.wallet.reverseTransaction(reverse);
    PostTransactionResponse replay = w.wallet.reverseTransaction(reverse);

    assertThat(w.balance(p)).isEqualTo(100);
    assertThat(replay.getReplayed()).isTrue();
    assertThat(replay.getTransactionId()).isEqualTo(reversal.getTransactionId());
    Transaction t =
        w.wallet.getTransaction(
            GetTransactionRequest.newBuilder()
                .setTransactionId(reversal.getTransactionId())
                .build());
    assertThat(t.getKind()).isEqualTo(TransactionKind.REVERSAL);
    assertThat(t.getReversesTransactionId()).isEqualTo(bet.getTransactionId());
    Transaction original =
        w.wallet.getTransaction(
            GetTransactionRequest.newBuilder().setTransactionId(bet.getTransactionId()).build());
    assertThat(t.getEntries(1).getSubAccount()).isEqualTo(original.getEntries(1).getSubAccount());

    String before = w.ledgerState();
    StatusRuntimeException twice =
        catchThrowableOfType(
            StatusRuntimeException.class,
            () ->
                w.wallet.reverseTransaction(reverse.toBuilder().setIdempotencyKey("rv-2").build()));
    assertThat(WalletErrors.codeOf(twice)).contains(ErrorCode.ALREADY_REVERSED);
    StatusRuntimeException unknown =
        catchThrowableOfType(
            StatusRuntimeException.class,
            () ->
                w.wallet.reverseTransaction(
                    reverse.toBuilder()
                        .setIdempotencyKey("rv-3")
                        .setTransactionId(999_999)
                        .build()));
    assertThat(WalletErrors.codeOf(unknown)).contains(ErrorCode.UNKNOWN_TRANSACTION);
    assertThat(w.ledgerState()).isEqualTo(before);
  }
}
