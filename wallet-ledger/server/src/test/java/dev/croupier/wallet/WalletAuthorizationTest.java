package dev.croupier.wallet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.croupier.api.wallet.v1.GetBalanceRequest;
import dev.croupier.api.wallet.v1.GetBalancesRequest;
import dev.croupier.api.wallet.v1.GetTransactionRequest;
import dev.croupier.api.wallet.v1.ListCurrenciesRequest;
import dev.croupier.api.wallet.v1.ListEntriesRequest;
import dev.croupier.api.wallet.v1.OpenAccountRequest;
import dev.croupier.api.wallet.v1.OpenAccountResponse;
import dev.croupier.api.wallet.v1.PayJackpotRequest;
import dev.croupier.api.wallet.v1.PostTransactionRequest;
import dev.croupier.api.wallet.v1.ReverseTransactionRequest;
import dev.croupier.api.wallet.v1.TransactionKind;
import dev.croupier.api.wallet.v1.WalletGrpc;
import dev.croupier.devstack.DevCertificates;
import dev.croupier.devstack.Ports;
import dev.croupier.errors.ErrorCode;
import dev.croupier.testsupport.PostgresDatabase;
import dev.croupier.testsupport.PostgresExtension;
import dev.croupier.wallet.api.ServiceNames;
import dev.croupier.wallet.api.ServiceTls;
import dev.croupier.wallet.api.TlsCallerInterceptor;
import dev.croupier.wallet.api.WalletErrors;
import dev.croupier.wallet.auth.ServiceMatrix;
import dev.croupier.wallet.grpc.GrpcServer;
import dev.croupier.wallet.grpc.WalletGrpcService;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The wallet over real mutual TLS with the production authorization matrix: every cell that
 * wallet-ledger/README.md refuses is refused with PERMISSION_DENIED and CALLER_NOT_AUTHORIZED and
 * writes nothing; the allowed cells work; plaintext and certificates from another CA never reach a
 * call.
 */
@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WalletAuthorizationTest {
  private static final long WELCOME = 1_000;

  private WalletHarness h;
  private GrpcServer server;
  private ExecutorService responses;
  private DevCertificates certs;
  private Path foreignDir;
  private final Map<String, ManagedChannel> channels = new LinkedHashMap<>();
  private final Map<String, WalletGrpc.WalletBlockingStub> stubs = new LinkedHashMap<>();

  private long player;
  private long house;
  private long promo;
  private long pool;
  private long escrow;
  private long adminGrant;
  private long workerBet;

  @BeforeAll
  void start(PostgresDatabase db) throws Exception {
    h = WalletHarness.start(db);
    Path dir = Files.createTempDirectory("wallet-tls");
    certs = DevCertificates.in(dir);
    foreignDir = Files.createTempDirectory("foreign-tls");
    DevCertificates.Identity wallet = certs.identity(ServiceNames.WALLET);
    responses = Executors.newFixedThreadPool(2);
    ServiceMatrix matrix =
        new ServiceMatrix(
            ids -> {
              Map<Long, dev.croupier.wallet.ledger.AccountType> types = new LinkedHashMap<>();
              h.catalog.resolve(h.dsl, ids).forEach((id, a) -> types.put(id, a.type()));
              return types;
            });
    server =
        new GrpcServer(
            Ports.LOOPBACK,
            0,
            tls(wallet),
            new WalletGrpcService(
                h.engine,
                h.accounts,
                h.history,
                responses,
                matrix,
                new WalletGrpcService.WelcomeGrantPolicy("COIN", WELCOME)),
            new TlsCallerInterceptor());
    server.start();
    for (String caller :
        List.of(
            ServiceNames.GATEWAY,
            ServiceNames.WORKERS,
            ServiceNames.ADMIN,
            ServiceNames.WALLET,
            "reports")) {
      ManagedChannel channel = tls(certs.identity(caller)).walletChannel(target());
      channels.put(caller, channel);
      stubs.put(caller, WalletGrpc.newBlockingStub(channel).withDeadlineAfter(1, TimeUnit.MINUTES));
    }

    player =
        open(
            ServiceNames.WORKERS,
            UUID.randomUUID().toString(),
            dev.croupier.api.wallet.v1.AccountType.PLAYER);
    house = open(ServiceNames.WORKERS, "", dev.croupier.api.wallet.v1.AccountType.HOUSE);
    pool = open(ServiceNames.WORKERS, "", dev.croupier.api.wallet.v1.AccountType.JACKPOT_POOL);
    escrow =
        open(
            ServiceNames.WORKERS,
            UUID.randomUUID().toString(),
            dev.croupier.api.wallet.v1.AccountType.TABLE_ESCROW);
    promo = open(ServiceNames.ADMIN, "", dev.croupier.api.wallet.v1.AccountType.PROMO);
    adminGrant =
        stub(ServiceNames.ADMIN)
            .postTransaction(
                post("admin/grant/" + player, TransactionKind.GRANT, promo, player, 50_000))
            .getTransactionId();
    workerBet =
        stub(ServiceNames.WORKERS)
            .postTransaction(
                post("session-x/round-1/bet", TransactionKind.BET_AND_WIN, player, house, 100))
            .getTransactionId();
  }

  @AfterAll
  void stop() {
    channels.values().forEach(ManagedChannel::shutdownNow);
    if (server != null) {
      server.close();
    }
    responses.shutdownNow();
    h.close();
  }

  private static ServiceTls tls(DevCertificates.Identity id) {
    return new ServiceTls(id.certificate(), id.privateKey(), id.trustedCa());
  }

  private String target() {
    return Ports.LOOPBACK + ":" + server.port();
  }

  private WalletGrpc.WalletBlockingStub stub(String caller) {
    return stubs.get(caller);
  }

  private long open(String caller, String owner, dev.croupier.api.wallet.v1.AccountType type) {
    return stub(caller)
        .openAccount(
            OpenAccountRequest.newBuilder()
                .setOwnerId(owner)
                .setCurrency("COIN")
                .setType(type)
                .build())
        .getAccount()
        .getAccountId();
  }

  private static PostTransactionRequest post(
      String key, TransactionKind kind, long from, long to, long amount) {
    return PostTransactionRequest.newBuilder()
        .setIdempotencyKey(key)
        .setKind(kind)
        .addLegs(WalletHarness.leg(from, -amount))
        .addLegs(WalletHarness.leg(to, amount))
        .build();
  }

  /** One refused cell of the matrix: who, what, and the call. */
  record Cell(String caller, String what, Function<WalletCalls, Object> call) {
    @Override
    public String toString() {
      return caller + " " + what;
    }
  }

  /** The accounts and transactions a cell may name, known only once the class has started. */
  interface WalletCalls {
    WalletGrpc.WalletBlockingStub stub();

    long player();

    long house();

    long promo();

    long pool();

    long escrow();

    long adminGrant();

    long workerBet();
  }

  Stream<Arguments> refusedCells() {
    List<Cell> cells = new ArrayList<>();
    // The gateway posts nothing, whatever the kind.
    for (TransactionKind kind : TransactionKind.values()) {
      if (kind == TransactionKind.TRANSACTION_KIND_UNSPECIFIED
          || kind == TransactionKind.UNRECOGNIZED) {
        continue;
      }
      cells.add(
          new Cell(
              ServiceNames.GATEWAY,
              "posts " + kind,
              c ->
                  c.stub()
                      .postTransaction(
                          post("session-g/" + kind, kind, c.house(), c.player(), 10))));
    }
    cells.add(
        new Cell(
            ServiceNames.GATEWAY,
            "reverses",
            c -> c.stub().reverseTransaction(reverse("session-g/rev", c.workerBet()))));
    cells.add(
        new Cell(
            ServiceNames.GATEWAY,
            "pays a jackpot",
            c -> c.stub().payJackpot(jackpot("session-g", c.player()))));
    for (var type :
        List.of(
            dev.croupier.api.wallet.v1.AccountType.HOUSE,
            dev.croupier.api.wallet.v1.AccountType.PROMO,
            dev.croupier.api.wallet.v1.AccountType.JACKPOT_POOL,
            dev.croupier.api.wallet.v1.AccountType.TABLE_ESCROW)) {
      cells.add(
          new Cell(
              ServiceNames.GATEWAY,
              "opens " + type,
              c ->
                  c.stub()
                      .openAccount(
                          OpenAccountRequest.newBuilder()
                              .setOwnerId(
                                  type == dev.croupier.api.wallet.v1.AccountType.TABLE_ESCROW
                                      ? UUID.randomUUID().toString()
                                      : "")
                              .setCurrency("COIN")
                              .setType(type)
                              .build())));
    }
    cells.add(
        new Cell(
            ServiceNames.GATEWAY,
            "reads the house balance",
            c ->
                c.stub()
                    .getBalance(GetBalanceRequest.newBuilder().setAccountId(c.house()).build())));
    cells.add(
        new Cell(
            ServiceNames.GATEWAY,
            "reads balances including the pool",
            c ->
                c.stub()
                    .getBalances(
                        GetBalancesRequest.newBuilder()
                            .addAccountIds(c.player())
                            .addAccountIds(c.pool())
                            .build())));
    cells.add(
        new Cell(
            ServiceNames.GATEWAY,
            "lists the escrow's entries",
            c ->
                c.stub()
                    .listEntries(
                        ListEntriesRequest.newBuilder().setAccountId(c.escrow()).build())));
    cells.add(
        new Cell(
            ServiceNames.GATEWAY,
            "lists every entry",
            c -> c.stub().listEntries(ListEntriesRequest.newBuilder().build())));
    cells.add(
        new Cell(
            ServiceNames.GATEWAY,
            "reads a transaction",
            c ->
                c.stub()
                    .getTransaction(
                        GetTransactionRequest.newBuilder()
                            .setTransactionId(c.workerBet())
                            .build())));

    // The workers: game kinds under game keys on game accounts only.
    for (TransactionKind kind :
        List.of(
            TransactionKind.GRANT,
            TransactionKind.ADJUSTMENT,
            TransactionKind.JACKPOT_WIN,
            TransactionKind.REVERSAL)) {
      cells.add(
          new Cell(
              ServiceNames.WORKERS,
              "posts " + kind,
              c ->
                  c.stub()
                      .postTransaction(
                          post("session-w/" + kind, kind, c.house(), c.player(), 10))));
    }
    cells.add(
        new Cell(
            ServiceNames.WORKERS,
            "posts a bet under a key outside session- and table-",
            c ->
                c.stub()
                    .postTransaction(
                        post(
                            "grant/welcome/x",
                            TransactionKind.BET_AND_WIN,
                            c.player(),
                            c.house(),
                            10))));
    cells.add(
        new Cell(
            ServiceNames.WORKERS,
            "posts a bet that touches the promo account",
            c ->
                c.stub()
                    .postTransaction(
                        post(
                            "session-w/promo",
                            TransactionKind.BET_AND_WIN,
                            c.promo(),
                            c.player(),
                            10))));
    cells.add(
        new Cell(
            ServiceNames.WORKERS,
            "reverses under a key outside session- and table-",
            c -> c.stub().reverseTransaction(reverse("undo-" + c.workerBet(), c.workerBet()))));
    cells.add(
        new Cell(
            ServiceNames.WORKERS,
            "reverses an admin grant",
            c -> c.stub().reverseTransaction(reverse("session-w/undo-grant", c.adminGrant()))));
    cells.add(
        new Cell(
            ServiceNames.WORKERS,
            "pays a jackpot under a table key",
            c -> c.stub().payJackpot(jackpot("table-w", c.player()))));
    cells.add(
        new Cell(
            ServiceNames.WORKERS,
            "opens a PROMO account",
            c ->
                c.stub()
                    .openAccount(
                        OpenAccountRequest.newBuilder()
                            .setCurrency("COIN")
                            .setType(dev.croupier.api.wallet.v1.AccountType.PROMO)
                            .build())));
    cells.add(
        new Cell(
            ServiceNames.WORKERS,
            "asks for a welcome grant",
            c ->
                c.stub()
                    .openAccount(
                        OpenAccountRequest.newBuilder()
                            .setOwnerId(UUID.randomUUID().toString())
                            .setCurrency("COIN")
                            .setType(dev.croupier.api.wallet.v1.AccountType.PLAYER)
                            .setWelcomeGrant(true)
                            .build())));

    // Admin: grants, adjustments and reversals, nothing of the games.
    for (TransactionKind kind :
        List.of(
            TransactionKind.BET,
            TransactionKind.WIN,
            TransactionKind.BET_AND_WIN,
            TransactionKind.BUY_IN,
            TransactionKind.CASH_OUT,
            TransactionKind.RAKE,
            TransactionKind.JACKPOT_CONTRIBUTION,
            TransactionKind.JACKPOT_WIN,
            TransactionKind.REFUND,
            TransactionKind.REVERSAL)) {
      cells.add(
          new Cell(
              ServiceNames.ADMIN,
              "posts " + kind,
              c ->
                  c.stub()
                      .postTransaction(
                          post("session-a/" + kind, kind, c.house(), c.player(), 10))));
    }
    cells.add(
        new Cell(
            ServiceNames.ADMIN,
            "pays a jackpot",
            c -> c.stub().payJackpot(jackpot("session-a", c.player()))));
    cells.add(
        new Cell(
            ServiceNames.ADMIN,
            "asks for a welcome grant",
            c ->
                c.stub()
                    .openAccount(
                        OpenAccountRequest.newBuilder()
                            .setOwnerId(UUID.randomUUID().toString())
                            .setCurrency("COIN")
                            .setType(dev.croupier.api.wallet.v1.AccountType.PLAYER)
                            .setWelcomeGrant(true)
                            .build())));

    // Anyone else, the wallet's own identity included: nothing at all.
    for (String stranger : List.of(ServiceNames.WALLET, "reports")) {
      cells.add(
          new Cell(
              stranger,
              "posts a grant",
              c ->
                  c.stub()
                      .postTransaction(
                          post(
                              "x/" + stranger, TransactionKind.GRANT, c.promo(), c.player(), 10))));
      cells.add(
          new Cell(
              stranger,
              "reverses",
              c -> c.stub().reverseTransaction(reverse("session-s/" + stranger, c.workerBet()))));
      cells.add(
          new Cell(
              stranger,
              "pays a jackpot",
              c -> c.stub().payJackpot(jackpot("session-" + stranger, c.player()))));
      cells.add(
          new Cell(
              stranger,
              "opens a player account",
              c ->
                  c.stub()
                      .openAccount(
                          OpenAccountRequest.newBuilder()
                              .setOwnerId(UUID.randomUUID().toString())
                              .setCurrency("COIN")
                              .setType(dev.croupier.api.wallet.v1.AccountType.PLAYER)
                              .build())));
      cells.add(
          new Cell(
              stranger,
              "reads a player's balance",
              c ->
                  c.stub()
                      .getBalance(
                          GetBalanceRequest.newBuilder().setAccountId(c.player()).build())));
      cells.add(
          new Cell(
              stranger,
              "reads balances",
              c ->
                  c.stub()
                      .getBalances(
                          GetBalancesRequest.newBuilder().addAccountIds(c.player()).build())));
      cells.add(
          new Cell(
              stranger,
              "lists entries",
              c ->
                  c.stub()
                      .listEntries(
                          ListEntriesRequest.newBuilder().setAccountId(c.player()).build())));
      cells.add(
          new Cell(
              stranger,
              "lists the currencies",
              c -> c.stub().listCurrencies(ListCurrenciesRequest.getDefaultInstance())));
      cells.add(
          new Cell(
              stranger,
              "reads a transaction",
              c ->
                  c.stub()
                      .getTransaction(
                          GetTransactionRequest.newBuilder()
                              .setTransactionId(c.workerBet())
                              .build())));
    }
    return cells.stream().map(Arguments::of);
  }

  private static ReverseTransactionRequest reverse(String key, long transaction) {
    return ReverseTransactionRequest.newBuilder()
        .setIdempotencyKey(key)
        .setTransactionId(transaction)
        .build();
  }

  private static PayJackpotRequest jackpot(String session, long winner) {
    return PayJackpotRequest.newBuilder()
        .setIdempotencyKey(session + "/round-1/jackpot")
        .setCurrency("COIN")
        .setWinnerAccountId(winner)
        .setReseedAmount(100)
        .build();
  }

  private WalletCalls calls(String caller) {
    WalletGrpc.WalletBlockingStub s = stub(caller);
    return new WalletCalls() {
      public WalletGrpc.WalletBlockingStub stub() {
        return s;
      }

      public long player() {
        return player;
      }

      public long house() {
        return house;
      }

      public long promo() {
        return promo;
      }

      public long pool() {
        return pool;
      }

      public long escrow() {
        return escrow;
      }

      public long adminGrant() {
        return adminGrant;
      }

      public long workerBet() {
        return workerBet;
      }
    };
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refusedCells")
  void refusedCellIsPermissionDeniedAndWritesNothing(Cell cell) {
    String before = h.ledgerState();
    StatusRuntimeException e =
        catchThrowableOfType(
            StatusRuntimeException.class, () -> cell.call().apply(calls(cell.caller())));
    assertThat(e).as(cell.toString()).isNotNull();
    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
    assertThat(WalletErrors.codeOf(e)).contains(ErrorCode.CALLER_NOT_AUTHORIZED);
    assertThat(h.ledgerState()).isEqualTo(before);
  }

  @Test
  void theThreeServicesListTheCurrencies() {
    for (String caller : List.of(ServiceNames.GATEWAY, ServiceNames.WORKERS, ServiceNames.ADMIN)) {
      assertThat(
              stub(caller)
                  .listCurrencies(ListCurrenciesRequest.getDefaultInstance())
                  .getCurrenciesList())
          .as(caller)
          .extracting(c -> c.getCode())
          .contains("COIN");
    }
  }

  @Test
  void gatewayOpensAPlayerWithTheWalletsWelcomeGrantOnceAndReadsItsBalance() {
    String owner = UUID.randomUUID().toString();
    OpenAccountRequest open =
        OpenAccountRequest.newBuilder()
            .setOwnerId(owner)
            .setCurrency("COIN")
            .setType(dev.croupier.api.wallet.v1.AccountType.PLAYER)
            .setWelcomeGrant(true)
            .build();
    OpenAccountResponse first = stub(ServiceNames.GATEWAY).openAccount(open);
    OpenAccountResponse again = stub(ServiceNames.GATEWAY).openAccount(open);

    assertThat(first.getWelcomeGrant().getAmount()).isEqualTo(WELCOME);
    assertThat(first.getWelcomeGrant().getBalance()).isEqualTo(WELCOME);
    assertThat(first.getWelcomeGrant().getReplayed()).isFalse();
    assertThat(again.getWelcomeGrant().getReplayed()).isTrue();
    assertThat(again.getWelcomeGrant().getTransactionId())
        .isEqualTo(first.getWelcomeGrant().getTransactionId());
    long account = first.getAccount().getAccountId();
    assertThat(
            stub(ServiceNames.GATEWAY)
                .getBalance(GetBalanceRequest.newBuilder().setAccountId(account).build())
                .getBalance())
        .isEqualTo(WELCOME);
    assertThat(
            stub(ServiceNames.GATEWAY)
                .listEntries(ListEntriesRequest.newBuilder().setAccountId(account).build())
                .getEntriesCount())
        .isEqualTo(1);
  }

  @Test
  void workersPostRoundsAndTableMoneyAndReverseTheirOwnPosts() {
    var r =
        stub(ServiceNames.WORKERS)
            .postTransaction(
                post("table-t1/hand-1/buy-in-0", TransactionKind.BUY_IN, player, escrow, 500));
    var undone =
        stub(ServiceNames.WORKERS)
            .reverseTransaction(reverse("table-t1/hand-1/buy-in-0/reversal", r.getTransactionId()));
    assertThat(undone.getTransactionId()).isNotEqualTo(r.getTransactionId());
    assertThat(
            stub(ServiceNames.WORKERS)
                .payJackpot(jackpot("session-" + UUID.randomUUID(), player))
                .getPoolAccountId())
        .isEqualTo(pool);
  }

  @Test
  void adminGrantsAdjustsAndReversesAnything() {
    var adjust =
        stub(ServiceNames.ADMIN)
            .postTransaction(
                post(
                    "admin/adjust/" + UUID.randomUUID(),
                    TransactionKind.ADJUSTMENT,
                    promo,
                    player,
                    7));
    assertThat(adjust.getReplayed()).isFalse();
    assertThat(
            stub(ServiceNames.ADMIN)
                .reverseTransaction(reverse("admin/undo/" + workerBet, workerBet))
                .getTransactionId())
        .isPositive();
  }

  @Test
  void anOwnersAccountsAreListedToWhoMayReadThemAll() {
    String table = UUID.randomUUID().toString();
    long tableEscrow =
        open(ServiceNames.WORKERS, table, dev.croupier.api.wallet.v1.AccountType.TABLE_ESCROW);
    String owner = UUID.randomUUID().toString();
    long own = open(ServiceNames.GATEWAY, owner, dev.croupier.api.wallet.v1.AccountType.PLAYER);
    var byOwner = dev.croupier.api.wallet.v1.GetOwnerAccountsRequest.newBuilder();
    assertThat(
            stub(ServiceNames.ADMIN)
                .getOwnerAccounts(byOwner.setOwnerId(table).build())
                .getBalancesList())
        .extracting(b -> b.getAccountId())
        .containsExactly(tableEscrow);
    assertThat(
            stub(ServiceNames.GATEWAY)
                .getOwnerAccounts(byOwner.setOwnerId(owner).build())
                .getBalancesList())
        .extracting(b -> b.getAccountId())
        .containsExactly(own);
    StatusRuntimeException e =
        catchThrowableOfType(
            StatusRuntimeException.class,
            () -> stub(ServiceNames.GATEWAY).getOwnerAccounts(byOwner.setOwnerId(table).build()));
    assertThat(WalletErrors.codeOf(e))
        .as("the gateway reads players' accounts only")
        .contains(ErrorCode.CALLER_NOT_AUTHORIZED);
    StatusRuntimeException stranger =
        catchThrowableOfType(
            StatusRuntimeException.class,
            () -> stub("reports").getOwnerAccounts(byOwner.setOwnerId(owner).build()));
    assertThat(WalletErrors.codeOf(stranger)).contains(ErrorCode.CALLER_NOT_AUTHORIZED);
  }

  @Test
  void plaintextIsRefusedBeforeAnyCall() {
    String before = h.ledgerState();
    ManagedChannel plain = NettyChannelBuilder.forTarget(target()).usePlaintext().build();
    try {
      StatusRuntimeException e =
          catchThrowableOfType(
              StatusRuntimeException.class,
              () ->
                  WalletGrpc.newBlockingStub(plain)
                      .withDeadlineAfter(10, TimeUnit.SECONDS)
                      .getBalance(GetBalanceRequest.newBuilder().setAccountId(player).build()));
      assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
    } finally {
      plain.shutdownNow();
    }
    assertThat(h.ledgerState()).isEqualTo(before);
  }

  @Test
  void aCertificateFromAnotherCaIsRefusedAtTheHandshake() {
    DevCertificates.Identity impostor = DevCertificates.in(foreignDir).identity(ServiceNames.ADMIN);
    // It trusts our CA, so only our side refuses it.
    ServiceTls tls =
        new ServiceTls(impostor.certificate(), impostor.privateKey(), certs.caCertificate());
    ManagedChannel channel = tls.walletChannel(target());
    try {
      StatusRuntimeException e =
          catchThrowableOfType(
              StatusRuntimeException.class,
              () ->
                  WalletGrpc.newBlockingStub(channel)
                      .withDeadlineAfter(10, TimeUnit.SECONDS)
                      .getBalance(GetBalanceRequest.newBuilder().setAccountId(player).build()));
      assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
    } finally {
      channel.shutdownNow();
    }
  }

  @Test
  void devCertificatesNameTheServiceAndKeepTheirKeysPrivate() throws Exception {
    DevCertificates.Identity id = certs.identity(ServiceNames.GATEWAY);
    assertThat(Files.getPosixFilePermissions(id.privateKey()))
        .containsExactlyInAnyOrder(
            java.nio.file.attribute.PosixFilePermission.OWNER_READ,
            java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
    // Asked again, the same files are kept.
    assertThat(Files.readString(certs.identity(ServiceNames.GATEWAY).certificate()))
        .isEqualTo(Files.readString(id.certificate()));
  }
}
