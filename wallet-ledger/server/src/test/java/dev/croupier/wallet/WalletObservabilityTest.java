package dev.croupier.wallet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.croupier.api.wallet.v1.AccountType;
import dev.croupier.api.wallet.v1.Leg;
import dev.croupier.api.wallet.v1.OpenAccountRequest;
import dev.croupier.api.wallet.v1.PostTransactionRequest;
import dev.croupier.api.wallet.v1.TransactionKind;
import dev.croupier.api.wallet.v1.WalletGrpc;
import dev.croupier.devstack.DevCertificates;
import dev.croupier.devstack.KafkaBroker;
import dev.croupier.devstack.Ports;
import dev.croupier.testsupport.KafkaExtension;
import dev.croupier.testsupport.Management;
import dev.croupier.testsupport.PostgresDatabase;
import dev.croupier.testsupport.PostgresExtension;
import dev.croupier.testsupport.TcpProxy;
import dev.croupier.wallet.api.ServiceNames;
import dev.croupier.wallet.api.ServiceTls;
import dev.croupier.wallet.testing.LedgerInvariants;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The wallet as ops see it: its management port (liveness, readiness naming the dependency that is
 * down, the Prometheus scrape with the ledger's meters), the standard gRPC health service its
 * callers check, and a post's trace carried through the outbox to Kafka. The database is taken away
 * through a proxy of the test's own, and a private broker is stopped: the shared servers never
 * stop.
 */
@ExtendWith({PostgresExtension.class, KafkaExtension.class})
class WalletObservabilityTest {
  private static final String SERVICE = "croupier.wallet.v1.Wallet";

  @Test
  void managementPortServesHealthTheLedgersMetersAndAPostsTraceReachesKafka(
      PostgresDatabase db, KafkaBroker kafka) throws Exception {
    DevCertificates certs = DevCertificates.in(Files.createTempDirectory("croupier-wallet-tls-"));
    int grpcPort = Ports.freePort();
    String traceId = HexFormat.of().formatHex(randomBytes(16));
    // A tracing collector that accepts connections and never answers: exports hang until they
    // time out, which must cost the posts nothing.
    try (ServerSocket collector = new ServerSocket(0, 50, InetAddress.getByName(Ports.LOOPBACK));
        ConfigurableApplicationContext app =
            start(
                db,
                kafka.bootstrapServers(),
                certs,
                grpcPort,
                "--croupier.tracing.otlp-endpoint=http://127.0.0.1:" + collector.getLocalPort());
        EntryTopic topic = new EntryTopic(kafka.bootstrapServers())) {
      Management management = Management.at(managementPort(app));
      // The back office's identity: it may open any account and post grants.
      ManagedChannel channel =
          tls(certs, ServiceNames.ADMIN).walletChannel(Ports.LOOPBACK + ":" + grpcPort);
      try {
        WalletGrpc.WalletBlockingStub wallet = WalletGrpc.newBlockingStub(channel);
        long player = open(wallet, UUID.randomUUID().toString(), AccountType.PLAYER);
        long promo = open(wallet, "", AccountType.PROMO);
        wallet
            .withInterceptors(traceParent(traceId))
            .postTransaction(grant("traced-" + player, promo, player, 250));

        Management.Health ready = management.readiness();
        assertThat(ready.httpStatus()).isEqualTo(200);
        assertThat(ready.components())
            .containsEntry("db", "UP")
            .containsEntry("kafka", "UP")
            .containsEntry("readinessState", "UP");
        assertThat(management.liveness().status()).isEqualTo("UP");
        assertThat(servingStatus(channel)).isEqualTo(ServingStatus.SERVING);

        await()
            .atMost(Duration.ofSeconds(30))
            .untilAsserted(
                () -> {
                  String scrape = management.prometheus();
                  assertThat(
                          Management.sum(
                              scrape,
                              "croupier_wallet_posts_total",
                              Map.of("kind", "GRANT", "result", "posted", "application", "wallet")))
                      .isEqualTo(1);
                  assertThat(Management.sum(scrape, "croupier_wallet_batch_size_count", Map.of()))
                      .isGreaterThanOrEqualTo(1);
                  assertThat(
                          Management.sum(
                              scrape,
                              "croupier_outbox_published_total",
                              Map.of("outbox", "wallet-outbox")))
                      .isEqualTo(2);
                  assertThat(
                          Management.sum(
                              scrape, "croupier_outbox_depth", Map.of("outbox", "wallet-outbox")))
                      .isZero();
                  assertThat(
                          Management.sum(
                              scrape,
                              "grpc_server_seconds_count",
                              Map.of("rpc_method", "PostTransaction", "grpc_status_code", "OK")))
                      .isEqualTo(1);
                  assertThat(Management.sum(scrape, "hikaricp_connections_max", Map.of()))
                      .isPositive();
                  assertThat(Management.sum(scrape, "jvm_memory_used_bytes", Map.of()))
                      .isPositive();
                  assertThat(Management.sum(scrape, "kafka_producer_record_send_total", Map.of()))
                      .isGreaterThanOrEqualTo(2);
                });

        // With the collector hanging, traced posts still go through, and their spans fail to
        // export, counted, instead of holding anything up.
        for (int i = 0; i < 20; i++) {
          wallet
              .withInterceptors(traceParent(HexFormat.of().formatHex(randomBytes(16))))
              .withDeadlineAfter(5, TimeUnit.SECONDS)
              .postTransaction(
                  grant("while-collector-hangs-" + i + "-" + player, promo, player, 1));
        }
        await()
            .atMost(Duration.ofSeconds(60))
            .untilAsserted(
                () ->
                    assertThat(
                            management.metric(
                                "croupier_telemetry_spans_total", Map.of("outcome", "failed")))
                        .isPositive());

        // Both entries of the grant carry the post's trace id to Kafka, in a span of their own.
        await()
            .atMost(Duration.ofSeconds(30))
            .untilAsserted(
                () -> {
                  List<EntryTopic.Read> entries =
                      topic.poll().stream()
                          .filter(r -> r.event().idempotencyKey().equals("traced-" + player))
                          .toList();
                  assertThat(entries).hasSize(2);
                  assertThat(entries)
                      .allSatisfy(
                          r -> assertThat(r.traceParent()).startsWith("00-" + traceId + "-"));
                });
      } finally {
        channel.shutdownNow();
      }
    }
  }

  @Test
  void readinessNamesTheDatabaseAndThenKafkaWhileEachIsAwayAndNoPostIsLost(PostgresDatabase db)
      throws Exception {
    DevCertificates certs = DevCertificates.in(Files.createTempDirectory("croupier-wallet-tls-"));
    int grpcPort = Ports.freePort();
    Path kafkaDir = Files.createTempDirectory("croupier-kafka-wallet-health-");
    int kafkaPort = Ports.freePort();
    KafkaBroker broker =
        KafkaBroker.start(Ports.LOOPBACK, kafkaPort, kafkaDir, kafkaDir.resolve("kafka.log"));
    AtomicBoolean posting = new AtomicBoolean(true);
    AtomicInteger next = new AtomicInteger();
    ConcurrentLinkedQueue<String> answered = new ConcurrentLinkedQueue<>();
    ConcurrentLinkedQueue<String> refused = new ConcurrentLinkedQueue<>();
    try (TcpProxy proxy = db.proxy();
        ConfigurableApplicationContext app =
            start(db.through(proxy), broker.bootstrapServers(), certs, grpcPort)) {
      Management management = Management.at(managementPort(app));
      // The back office's identity: it may open any account and post grants.
      ManagedChannel channel =
          tls(certs, ServiceNames.ADMIN).walletChannel(Ports.LOOPBACK + ":" + grpcPort);
      try {
        WalletGrpc.WalletBlockingStub wallet = WalletGrpc.newBlockingStub(channel);
        long player = open(wallet, UUID.randomUUID().toString(), AccountType.PLAYER);
        long promo = open(wallet, "", AccountType.PROMO);
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> management.readiness().httpStatus() == 200);

        Thread poster =
            Thread.ofVirtual()
                .start(
                    () -> {
                      while (posting.get()) {
                        String k = "outage-" + next.incrementAndGet();
                        try {
                          wallet
                              .withDeadlineAfter(10, TimeUnit.SECONDS)
                              .postTransaction(grant(k, promo, player, 1));
                          answered.add(k);
                        } catch (StatusRuntimeException e) {
                          refused.add(k);
                        }
                      }
                    });

        proxy.cut();
        await()
            .atMost(Duration.ofSeconds(60))
            .untilAsserted(() -> assertThat(management.readiness().downBecauseOf("db")).isTrue());
        assertThat(management.readiness().components()).containsEntry("kafka", "UP");
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> servingStatus(channel) == ServingStatus.NOT_SERVING);
        assertThat(management.liveness().status()).isEqualTo("UP");

        proxy.restore();
        await()
            .atMost(Duration.ofSeconds(60))
            .until(() -> management.readiness().httpStatus() == 200);
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> servingStatus(channel) == ServingStatus.SERVING);

        broker.close();
        await()
            .atMost(Duration.ofSeconds(60))
            .untilAsserted(
                () -> {
                  Management.Health h = management.readiness();
                  assertThat(h.downBecauseOf("kafka")).isTrue();
                  assertThat(h.components()).containsEntry("db", "UP");
                  assertThat(h.error("kafka")).contains("Kafka is unreachable");
                });
        broker =
            KafkaBroker.start(Ports.LOOPBACK, kafkaPort, kafkaDir, kafkaDir.resolve("kafka.log"));
        await()
            .atMost(Duration.ofSeconds(60))
            .until(() -> management.readiness().httpStatus() == 200);

        posting.set(false);
        poster.join();
        // Nothing refused was written: each goes through once when sent again with its key.
        List<String> retried = new ArrayList<>(refused);
        for (String k : retried) {
          await()
              .atMost(Duration.ofSeconds(30))
              .ignoreExceptions()
              .untilAsserted(() -> wallet.postTransaction(grant(k, promo, player, 1)));
        }
        int sent = answered.size() + retried.size();
        assertThat(answered).isNotEmpty();
        assertThat(
                count(
                    db,
                    "select count(*) from wallet.transaction where idempotency_key like 'outage-%'"))
            .isEqualTo(sent);
        assertThat(
                count(
                    db,
                    "select coalesce(sum(amount), 0) from wallet.entry where account_id = "
                        + player))
            .isEqualTo(sent);
        try (var ds = db.dataSource(2)) {
          assertThat(LedgerInvariants.violations(ds)).isEmpty();
        }
        await()
            .atMost(Duration.ofSeconds(60))
            .until(() -> count(db, "select count(*) from wallet.outbox") == 0);
      } finally {
        posting.set(false);
        channel.shutdownNow();
      }
    } finally {
      broker.close();
    }
  }

  static ConfigurableApplicationContext start(
      PostgresDatabase db,
      String bootstrapServers,
      DevCertificates certs,
      int grpcPort,
      String... more) {
    ServiceTls server = tls(certs, ServiceNames.WALLET);
    List<String> args =
        new ArrayList<>(
            List.of(
                "--server.port=0",
                "--spring.datasource.url=" + db.url(),
                "--spring.datasource.username=croupier_wallet",
                "--spring.datasource.password=" + db.password(),
                "--croupier.wallet.tls.certificate=" + server.certificate(),
                "--croupier.wallet.tls.private-key=" + server.privateKey(),
                "--croupier.wallet.tls.trusted-ca=" + server.trustedCa(),
                "--croupier.wallet.grpc.port=" + grpcPort,
                "--croupier.wallet.outbox.bootstrap-servers=" + bootstrapServers,
                "--croupier.wallet.outbox.poll-interval=20ms",
                "--croupier.wallet.outbox.delivery-timeout=15s",
                "--croupier.tracing.sampling=1.0"));
    args.addAll(List.of(more));
    return new SpringApplicationBuilder(WalletApplication.class).run(args.toArray(String[]::new));
  }

  private static ServiceTls tls(DevCertificates certs, String service) {
    DevCertificates.Identity id = certs.identity(service);
    return new ServiceTls(id.certificate(), id.privateKey(), id.trustedCa());
  }

  static int managementPort(ConfigurableApplicationContext app) {
    return ((WebServerApplicationContext) app).getWebServer().getPort();
  }

  private static ServingStatus servingStatus(Channel channel) {
    try {
      return HealthGrpc.newBlockingStub(channel)
          .withDeadlineAfter(5, TimeUnit.SECONDS)
          .check(HealthCheckRequest.newBuilder().setService(SERVICE).build())
          .getStatus();
    } catch (StatusRuntimeException e) {
      return ServingStatus.UNKNOWN;
    }
  }

  private static long open(WalletGrpc.WalletBlockingStub wallet, String owner, AccountType type) {
    return wallet
        .openAccount(
            OpenAccountRequest.newBuilder()
                .setOwnerId(owner)
                .setCurrency("COIN")
                .setType(type)
                .build())
        .getAccount()
        .getAccountId();
  }

  private static PostTransactionRequest grant(String key, long from, long to, long amount) {
    return PostTransactionRequest.newBuilder()
        .setIdempotencyKey(key)
        .setKind(TransactionKind.GRANT)
        .addLegs(Leg.newBuilder().setAccountId(from).setCurrency("COIN").setAmount(-amount))
        .addLegs(Leg.newBuilder().setAccountId(to).setCurrency("COIN").setAmount(amount))
        .build();
  }

  /** Sends a W3C traceparent, as a traced caller's gRPC client does. */
  private static ClientInterceptor traceParent(String traceId) {
    String header = "00-" + traceId + "-" + HexFormat.of().formatHex(randomBytes(8)) + "-01";
    Metadata.Key<String> name = Metadata.Key.of("traceparent", Metadata.ASCII_STRING_MARSHALLER);
    return new ClientInterceptor() {
      @Override
      public <Q, A> ClientCall<Q, A> interceptCall(
          MethodDescriptor<Q, A> method, CallOptions options, Channel next) {
        return new ForwardingClientCall.SimpleForwardingClientCall<>(
            next.newCall(method, options)) {
          @Override
          public void start(Listener<A> listener, Metadata headers) {
            headers.put(name, header);
            super.start(listener, headers);
          }
        };
      }
    };
  }

  private static byte[] randomBytes(int n) {
    byte[] b = new byte[n];
    ThreadLocalRandom.current().nextBytes(b);
    b[0] |= 1; // never all zero, which W3C forbids
    return b;
  }

  private static long count(PostgresDatabase db, String sql) throws Exception {
    try (Connection c = db.connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
