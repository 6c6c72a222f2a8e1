package dev.croupier.wallet.testing;

import dev.croupier.api.wallet.v1.AccountType;
import dev.croupier.api.wallet.v1.GetBalanceRequest;
import dev.croupier.api.wallet.v1.Leg;
import dev.croupier.api.wallet.v1.OpenAccountRequest;
import dev.croupier.api.wallet.v1.PostTransactionRequest;
import dev.croupier.api.wallet.v1.TransactionKind;
import dev.croupier.api.wallet.v1.WalletGrpc;
import dev.croupier.devstack.DevCertificates;
import dev.croupier.devstack.ManagedProcess;
import dev.croupier.devstack.Ports;
import dev.croupier.testsupport.PostgresDatabase;
import dev.croupier.wallet.api.ServiceNames;
import dev.croupier.wallet.api.ServiceTls;
import io.grpc.ManagedChannel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The real wallet application over a test database, for the tests of any module that needs a
 * wallet: wallet-ledger's runnable jar in a process of its own, as production runs it (no module
 * links the wallet app), its gRPC API over mutual TLS on a loopback port, a dev CA and one
 * certificate per service made for the test ({@link #tls(String)} gives them to the apps under
 * test), client stubs that present them, and the Kafka relay off unless {@link Builder#outbox}
 * turns it on. It can be stopped and started again on the same port, to play an outage. Published
 * in wallet-ledger-api's test-jar; accounts are in {@code COIN}.
 *
 * <p>The jar is {@code wallet-ledger/server/target/*-exec.jar} of this checkout (or the path in the
 * system property {@code croupier.wallet.jar}): a consumer's pom names {@code
 * dev.croupier:wallet-ledger} with {@code <type>pom</type>} and everything excluded, so the build
 * packages the wallet first without putting anything of it on the consumer's class path.
 *
 * <pre>{@code
 * try (TestWallet wallet = TestWallet.start(db)) {
 *   wallet.grant(userId, 100_000);
 *   ... wallet.target(), wallet.tls("api-gateway") or wallet.stub() ...
 * }
 * }</pre>
 */
public final class TestWallet implements AutoCloseable {
  private static final String CURRENCY = "COIN";

  private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

  private final List<String> command;
  private final int port;
  private final DevCertificates certificates;
  private final String caller;
  private final Map<String, ManagedChannel> channels = new ConcurrentHashMap<>();
  private final int managementPort;
  private final Path log;
  private ManagedProcess process;

  private TestWallet(Builder b) {
    this.port = b.port;
    this.certificates = b.certificates;
    this.caller = b.caller;
    this.managementPort = b.managementPort;
    this.command = new ArrayList<>();
    command.add(ManagedProcess.currentJava());
    // Small and quick to start: a test wallet serves one test class.
    command.addAll(List.of("-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
    command.addAll(List.of("-jar", walletJar().toString()));
    b.properties.forEach((k, v) -> command.add("--" + k + "=" + v));
    this.log = Path.of("target", "test-wallets", "wallet-" + port + ".log").toAbsolutePath();
  }

  /** Starts a wallet over {@code db} with the defaults. */
  public static TestWallet start(PostgresDatabase db) {
    return over(db).start();
  }

  /** A wallet over {@code db}, to configure before {@link Builder#start()}. */
  public static Builder over(PostgresDatabase db) {
    // As production runs it: the wallet's own role, with rights on schema wallet only.
    return over(db.url(), "croupier_wallet", db.password());
  }

  /** A wallet over the database at {@code url}, to configure before {@link Builder#start()}. */
  public static Builder over(String url, String user, String password) {
    return new Builder(url, user, password);
  }

  /** How the wallet is started. */
  public static final class Builder {
    private final Map<String, Object> properties = new LinkedHashMap<>();
    private final DevCertificates certificates = newCertificates();
    private final int port = Ports.freePort();
    private String caller = ServiceNames.WORKERS;
    private final int managementPort = Ports.freePort();

    private Builder(String url, String user, String password) {
      properties.put("spring.main.banner-mode", "off");
      // The management port: health (readiness names the database) and Prometheus.
      properties.put("server.address", Ports.LOOPBACK);
      properties.put("server.port", managementPort);
      properties.put("server.tomcat.threads.max", 4);
      properties.put("spring.application.name", "wallet");
      properties.put("spring.datasource.url", url);
      properties.put("spring.datasource.username", user);
      properties.put("spring.datasource.password", password);
      properties.put("spring.datasource.hikari.maximum-pool-size", 12);
      // The test database is migrated already, by its owner; the wallet's role may not migrate.
      properties.put("spring.flyway.enabled", false);
      properties.put("spring.jooq.sql-dialect", "postgres");
      properties.put("croupier.wallet.real-money-enabled", false);
      DevCertificates.Identity wallet = certificates.identity(ServiceNames.WALLET);
      properties.put("croupier.wallet.tls.certificate", wallet.certificate());
      properties.put("croupier.wallet.tls.private-key", wallet.privateKey());
      properties.put("croupier.wallet.tls.trusted-ca", wallet.trustedCa());
      properties.put("croupier.wallet.welcome-grant.currency", CURRENCY);
      properties.put("croupier.wallet.welcome-grant.amount", 100_000);
      properties.put("croupier.wallet.grpc.host", Ports.LOOPBACK);
      properties.put("croupier.wallet.grpc.port", port);
      properties.put("croupier.wallet.posting.committers", 4);
      properties.put("croupier.wallet.posting.max-batch", 128);
      properties.put("croupier.wallet.posting.queue-capacity", 4096);
      properties.put("croupier.wallet.posting.max-legs", 32);
      // No Kafka unless asked for: posts stay in the outbox.
      properties.put("croupier.wallet.outbox.enabled", false);
      properties.put("croupier.wallet.outbox.bootstrap-servers", "127.0.0.1:1");
      properties.put("croupier.wallet.outbox.topic", "wallet.entries");
      properties.put("croupier.wallet.outbox.batch-size", 100);
      properties.put("croupier.wallet.outbox.poll-interval", "1s");
      properties.put("croupier.wallet.outbox.delivery-timeout", "5s");
    }

    /** Sets one Spring property of the wallet, for example {@code croupier.wallet.posting.*}. */
    public Builder set(String property, Object value) {
      properties.put(property, value);
      return this;
    }

    /** The group-commit threads and their batch bounds. */
    public Builder posting(int committers, int maxBatch, int queueCapacity) {
      return set("croupier.wallet.posting.committers", committers)
          .set("croupier.wallet.posting.max-batch", maxBatch)
          .set("croupier.wallet.posting.queue-capacity", queueCapacity);
    }

    /** Turns the outbox relay on, publishing to {@code topic} at {@code bootstrapServers}. */
    public Builder outbox(String bootstrapServers, String topic) {
      return set("croupier.wallet.outbox.enabled", true)
          .set("croupier.wallet.outbox.bootstrap-servers", bootstrapServers)
          .set("croupier.wallet.outbox.topic", topic)
          .set("croupier.wallet.outbox.batch-size", 500)
          .set("croupier.wallet.outbox.poll-interval", "20ms")
          .set("croupier.wallet.outbox.delivery-timeout", "30s");
    }

    /**
     * The service whose certificate {@link TestWallet#stub()} presents: {@code workers} by default
     * (see {@link ServiceNames}).
     */
    public Builder caller(String caller) {
      this.caller = caller;
      return this;
    }

    /** The welcome grant the wallet posts for new players (100,000 COIN by default; 0 for none). */
    public Builder welcomeGrant(long amount) {
      return set("croupier.wallet.welcome-grant.amount", amount);
    }

    /** Starts the wallet and returns once its gRPC server listens. */
    public TestWallet start() {
      TestWallet wallet = new TestWallet(this);
      wallet.restart();
      return wallet;
    }
  }

  /** Starts the wallet (again) on its port, and returns once its gRPC server listens. */
  public void restart() {
    process = ManagedProcess.start("wallet", command, Path.of("."), log, Map.of());
    try {
      Ports.awaitOpen("the test wallet", Ports.LOOPBACK, port, START_TIMEOUT, process::isAlive);
    } catch (RuntimeException e) {
      process.close();
      throw new IllegalStateException(e.getMessage() + " Its log: " + log, e);
    }
  }

  /** Stops the wallet (SIGTERM, as an orchestrator would); {@link #restart()} starts it again. */
  public void stop() {
    process.close();
    Ports.awaitClosed(Ports.LOOPBACK, port, Duration.ofSeconds(30));
  }

  /**
   * The wallet's runnable jar: {@code croupier.wallet.jar}, or the one built in this checkout,
   * found from the working directory up.
   *
   * @throws IllegalStateException when it is not built, with the command that builds it
   */
  static Path walletJar() {
    String configured = System.getProperty("croupier.wallet.jar");
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured);
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path target = dir.resolve("wallet-ledger/server/target");
      if (Files.isDirectory(dir.resolve("wallet-ledger/server"))) {
        Optional<Path> jar = execJar(target);
        if (jar.isPresent()) {
          return jar.get();
        }
        break;
      }
    }
    throw new IllegalStateException(
        "The wallet's runnable jar is not built (wallet-ledger/server/target/*-exec.jar): run"
            + " ./mvnw -pl wallet-ledger/server -am package -DskipTests, or ./mvnw verify.");
  }

  private static Optional<Path> execJar(Path target) {
    if (!Files.isDirectory(target)) {
      return Optional.empty();
    }
    try (Stream<Path> files = Files.list(target)) {
      return files.filter(p -> p.getFileName().toString().endsWith("-exec.jar")).findFirst();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** The wallet's gRPC address, {@code host:port}, as the callers' configuration takes it. */
  public String target() {
    return Ports.LOOPBACK + ":" + port;
  }

  /**
   * The certificate, key and CA of {@code service} (e.g. {@code api-gateway}), issued by this
   * wallet's test CA: what an app under test is configured with to call this wallet.
   */
  public ServiceTls tls(String service) {
    DevCertificates.Identity id = certificates.identity(service);
    return new ServiceTls(id.certificate(), id.privateKey(), id.trustedCa());
  }

  /** The wallet's management port (health, Prometheus) on loopback. */
  public int managementPort() {
    return managementPort;
  }

  /** The URL of a management endpoint, e.g. {@code /actuator/health/readiness}. */
  public String management(String path) {
    return "http://" + Ports.LOOPBACK + ":" + managementPort + path;
  }

  /**
   * The Spring properties that make an app call this wallet as {@code service}: {@code
   * croupier.wallet.target} and {@code croupier.wallet.tls.*}, as {@code --name=value} arguments.
   */
  public List<String> clientArguments(String service) {
    ServiceTls tls = tls(service);
    return List.of(
        "--croupier.wallet.target=" + target(),
        "--croupier.wallet.tls.certificate=" + tls.certificate(),
        "--croupier.wallet.tls.private-key=" + tls.privateKey(),
        "--croupier.wallet.tls.trusted-ca=" + tls.trustedCa());
  }

  /**
   * The environment that makes an app process call this wallet as {@code service}, as the launcher
   * sets it: {@code CROUPIER_WALLET_TARGET}, {@code CROUPIER_TLS_CERT}, {@code CROUPIER_TLS_KEY},
   * {@code CROUPIER_TLS_CA}.
   */
  public Map<String, String> clientEnvironment(String service) {
    ServiceTls tls = tls(service);
    return Map.of(
        "CROUPIER_WALLET_TARGET",
        target(),
        ServiceTls.CERT_ENV,
        tls.certificate().toString(),
        ServiceTls.KEY_ENV,
        tls.privateKey().toString(),
        ServiceTls.CA_ENV,
        tls.trustedCa().toString());
  }

  /** The test CA that signs every service's certificate. */
  public DevCertificates certificates() {
    return certificates;
  }

  /** A blocking stub that presents the certificate of {@link Builder#caller} ({@code workers}). */
  public WalletGrpc.WalletBlockingStub stub() {
    return stub(caller);
  }

  /** A blocking stub that presents the certificate of {@code service}. */
  public WalletGrpc.WalletBlockingStub stub(String service) {
    return WalletGrpc.newBlockingStub(
        channels.computeIfAbsent(service, s -> tls(s).walletChannel(target())));
  }

  private static DevCertificates newCertificates() {
    try {
      Path dir = Path.of("target", "test-tls");
      Files.createDirectories(dir);
      return DevCertificates.in(Files.createTempDirectory(dir.toAbsolutePath(), "ca-"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Opens (or finds) the {@code COIN} account of {@code owner} ({@code ""} for house accounts). */
  public long open(String owner, AccountType type) {
    return stub(ServiceNames.ADMIN)
        .openAccount(
            OpenAccountRequest.newBuilder()
                .setOwnerId(owner)
                .setCurrency(CURRENCY)
                .setType(type)
                .build())
        .getAccount()
        .getAccountId();
  }

  /**
   * Gives the player {@code amount} COIN from the promo budget, once per player (the grant's key is
   * {@code grant-<userId>}), as staff would through the admin app; returns the player's account.
   */
  public long grant(UUID userId, long amount) {
    long player = open(userId.toString(), AccountType.PLAYER);
    long promo = open("", AccountType.PROMO);
    stub(ServiceNames.ADMIN)
        .postTransaction(
            PostTransactionRequest.newBuilder()
                .setIdempotencyKey("grant-" + userId)
                .setKind(TransactionKind.GRANT)
                .addLegs(leg(promo, -amount))
                .addLegs(leg(player, amount))
                .build());
    return player;
  }

  /** The balance of an account, read through the wallet's API. */
  public long balance(long account) {
    return stub(ServiceNames.ADMIN)
        .getBalance(GetBalanceRequest.newBuilder().setAccountId(account).build())
        .getBalance();
  }

  /** The balance of {@code owner}'s {@code COIN} account of {@code type} (opened if missing). */
  public long balance(String owner, AccountType type) {
    return balance(open(owner, type));
  }

  /** A {@code COIN} leg. */
  public static Leg leg(long account, long amount) {
    return Leg.newBuilder().setAccountId(account).setCurrency(CURRENCY).setAmount(amount).build();
  }

  @Override
  public void close() {
    channels.values().forEach(ManagedChannel::shutdownNow);
    if (process != null) {
      process.close();
    }
  }
}
