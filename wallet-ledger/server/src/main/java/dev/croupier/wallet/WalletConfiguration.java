package dev.croupier.wallet;

import dev.croupier.observability.health.KafkaHealthIndicator;
import dev.croupier.outbox.OutboxRelay;
import dev.croupier.wallet.accounts.AccountCatalog;
import dev.croupier.wallet.accounts.AccountService;
import dev.croupier.wallet.api.ServiceTls;
import dev.croupier.wallet.api.TlsCallerInterceptor;
import dev.croupier.wallet.auth.ServiceMatrix;
import dev.croupier.wallet.grpc.GrpcServer;
import dev.croupier.wallet.grpc.WalletGrpcService;
import dev.croupier.wallet.history.LedgerHistory;
import dev.croupier.wallet.ledger.AccountType;
import dev.croupier.wallet.outbox.WalletOutbox;
import dev.croupier.wallet.posting.PostingEngine;
import dev.croupier.wallet.posting.PostingSettings;
import dev.croupier.wallet.posting.PostingTelemetry;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.grpc.ObservationGrpcServerInterceptor;
import io.micrometer.observation.ObservationRegistry;
import io.opentelemetry.api.OpenTelemetry;
import java.sql.Connection;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationInitializer;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the wallet from its properties. Beans start in order: ledger, relay, then gRPC. */
@Configuration(proxyBeanMethods = false)
class WalletConfiguration {
  /** How often the gRPC health service's answer is brought up to date with the database. */
  static final Duration SERVING_CHECK = Duration.ofSeconds(2);

  @Bean
  AccountCatalog accountCatalog(
      DSLContext dsl,
      WalletProperties props,
      ObjectProvider<FlywayMigrationInitializer> migratedFirstWhenEnabled) {
    migratedFirstWhenEnabled.ifAvailable(m -> {});
    return new AccountCatalog(dsl, props.realMoneyEnabled());
  }

  @Bean
  AccountService accountService(DSLContext dsl, AccountCatalog catalog) {
    return new AccountService(dsl, catalog);
  }

  @Bean
  LedgerHistory ledgerHistory(DSLContext dsl) {
    return new LedgerHistory(dsl);
  }

  @Bean(destroyMethod = "close")
  PostingEngine postingEngine(
      DSLContext dsl,
      AccountCatalog catalog,
      WalletProperties props,
      MeterRegistry registry,
      OpenTelemetry openTelemetry) {
    WalletProperties.Posting p = props.posting();
    PostingEngine engine =
        new PostingEngine(
            dsl,
            catalog,
            new PostingSettings(p.committers(), p.maxBatch(), p.queueCapacity(), p.maxLegs()),
            PostingTelemetry.of(registry, openTelemetry));
    engine.start();
    return engine;
  }

  @Bean(destroyMethod = "shutdown")
  ExecutorService walletResponses() {
    return Executors.newFixedThreadPool(
        2, Thread.ofPlatform().name("wallet-response-", 0).daemon().factory());
  }

  @Bean
  ServiceMatrix serviceMatrix(DSLContext dsl, AccountCatalog catalog) {
    return new ServiceMatrix(
        ids -> {
          Map<Long, AccountType> types = new LinkedHashMap<>();
          catalog.resolve(dsl, ids).forEach((id, a) -> types.put(id, a.type()));
          return types;
        });
  }

  @Bean
  WalletGrpcService walletGrpcService(
      PostingEngine engine,
      AccountService accounts,
      LedgerHistory history,
      ExecutorService walletResponses,
      ServiceMatrix serviceMatrix,
      WalletProperties props) {
    return new WalletGrpcService(
        engine,
        accounts,
        history,
        walletResponses,
        serviceMatrix,
        new WalletGrpcService.WelcomeGrantPolicy(
            props.welcomeGrant().currency(), props.welcomeGrant().amount()));
  }

  /** Kafka in readiness, where this wallet relays its outbox. */
  @Bean(destroyMethod = "close")
  @ConditionalOnProperty(name = "croupier.wallet.outbox.enabled", havingValue = "true")
  KafkaHealthIndicator kafkaHealthIndicator(WalletProperties props) {
    return new KafkaHealthIndicator(props.outbox().bootstrapServers(), Duration.ofSeconds(3));
  }

  @Bean
  SmartLifecycle outboxRelayLifecycle(
      DataSource dataSource,
      WalletProperties props,
      PostingEngine engine,
      MeterRegistry registry,
      OpenTelemetry openTelemetry) {
    WalletProperties.Outbox o = props.outbox();
    if (!o.enabled()) {
      return new Lifecycle(0, () -> {}, () -> {});
    }
    OutboxRelay relay =
        new OutboxRelay(
            dataSource,
            new WalletOutbox(o.topic()),
            new OutboxRelay.Settings(
                "wallet-outbox",
                o.bootstrapServers(),
                o.batchSize(),
                o.pollInterval(),
                o.deliveryTimeout()),
            new OutboxRelay.Telemetry(registry, openTelemetry));
    engine.onCommit(relay::wakeUp);
    return new Lifecycle(0, relay::start, relay::close);
  }

  /**
   * The gRPC server, with metrics and a span for every call, and the standard health service, which
   * answers {@code SERVING} while the database answers (checked every {@link #SERVING_CHECK}).
   */
  @Bean
  SmartLifecycle grpcServerLifecycle(
      WalletProperties props,
      WalletGrpcService service,
      ObservationRegistry observations,
      DataSource dataSource) {
    WalletProperties.Tls tls = props.tls();
    GrpcServer server =
        new GrpcServer(
            props.grpc().host(),
            props.grpc().port(),
            ServiceTls.of(tls.certificate(), tls.privateKey(), tls.trustedCa()),
            service,
            new TlsCallerInterceptor(),
            new ObservationGrpcServerInterceptor(observations));
    ScheduledExecutorService checks =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("wallet-serving-check").daemon().factory());
    return new Lifecycle(
        10,
        () -> {
          server.start();
          checks.scheduleWithFixedDelay(
              () -> server.serving(databaseAnswers(dataSource)),
              0,
              SERVING_CHECK.toMillis(),
              TimeUnit.MILLISECONDS);
        },
        () -> {
          checks.shutdownNow();
          server.close();
        });
  }

  private static boolean databaseAnswers(DataSource dataSource) {
    try (Connection c = dataSource.getConnection()) {
      return c.isValid(2);
    } catch (Exception e) {
      return false;
    }
  }

  /** Starts and stops a component with the application context, in phase order. */
  static final class Lifecycle implements SmartLifecycle {
    private final int phase;
    private final Runnable start;
    private final Runnable stop;
    private volatile boolean running;

    Lifecycle(int phase, Runnable start, Runnable stop) {
      this.phase = phase;
      this.start = start;
      this.stop = stop;
    }

    @Override
    public void start() {
      start.run();
      running = true;
    }

    @Override
    public void stop() {
      running = false;
      stop.run();
    }

    @Override
    public boolean isRunning() {
      return running;
    }

    @Override
    public int getPhase() {
      return phase;
    }
  }
}
