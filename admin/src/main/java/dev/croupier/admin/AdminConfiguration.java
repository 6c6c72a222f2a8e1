package dev.croupier.admin;

import dev.croupier.admin.audit.AuditLog;
import dev.croupier.admin.dashboard.Dashboard;
import dev.croupier.admin.flags.FlagRelay;
import dev.croupier.admin.flags.Flags;
import dev.croupier.admin.ledger.LiveLedger;
import dev.croupier.admin.platform.AdminWallet;
import dev.croupier.admin.web.Money;
import dev.croupier.admin.web.PermissionInterceptor;
import dev.croupier.outbox.OutboxRelay;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.temporal.client.WorkflowClient;
import java.time.Clock;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** The back office's services, and the permission check on every handler. */
@Configuration(proxyBeanMethods = false)
class AdminConfiguration {

  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }

  @Bean
  AuditLog auditLog(DSLContext dsl, Clock clock) {
    return new AuditLog(dsl, clock);
  }

  @Bean
  Flags flags(DSLContext dsl, AuditLog audit, Clock clock) {
    return new Flags(dsl, audit, clock);
  }

  @Bean
  FlagRelay flagRelay(
      DataSource dataSource,
      Flags flags,
      AdminProperties properties,
      MeterRegistry meters,
      OpenTelemetry openTelemetry,
      @Value("${croupier.admin.command-mode:false}") boolean commandMode) {
    return new FlagRelay(
        dataSource,
        flags,
        properties.kafka(),
        new OutboxRelay.Telemetry(meters, openTelemetry),
        !commandMode);
  }

  /** Amounts at their currency's scale; the wallet's currencies are COIN and CASH, scale 2. */
  @Bean
  Money money() {
    return new Money(java.util.Map.of("COIN", 2, "CASH", 2));
  }

  /**
   * The live ledger, with its meters: entries read from {@code wallet.entries}, entries dropped for
   * slow viewers, and the viewers watching now.
   */
  @Bean
  LiveLedger liveLedger(
      AdminProperties properties,
      MeterRegistry meters,
      @Value("${croupier.admin.command-mode:false}") boolean commandMode) {
    LiveLedger ledger = liveLedgerOf(properties, commandMode);
    FunctionCounter.builder("croupier.admin.ledger.read", ledger, LiveLedger::read)
        .description("Wallet entries the live ledger read from Kafka")
        .register(meters);
    FunctionCounter.builder("croupier.admin.ledger.dropped", ledger, LiveLedger::dropped)
        .description("Live-ledger entries dropped for viewers that did not keep up")
        .register(meters);
    Gauge.builder("croupier.admin.ledger.viewers", ledger, LiveLedger::viewers)
        .description("Staff watching the live ledger now")
        .register(meters);
    return ledger;
  }

  private static LiveLedger liveLedgerOf(AdminProperties properties, boolean commandMode) {
    return new LiveLedger(
        new LiveLedger.Settings(
            properties.kafka().bootstrapServers(),
            properties.kafka().entriesTopic(),
            2_000,
            256,
            !commandMode));
  }

  @Bean
  Dashboard dashboard(
      LiveLedger ledger,
      AdminWallet wallet,
      WorkflowClient temporal,
      AdminProperties properties,
      Clock clock) {
    return new Dashboard(ledger, wallet, temporal, properties, clock);
  }

  /** Where a signed-in staff member's security context lives: their HTTP session. */
  @Bean
  SecurityContextRepository securityContextRepository() {
    return new HttpSessionSecurityContextRepository();
  }

  @Bean
  WebMvcConfigurer permissionCheck(AuditLog audit) {
    PermissionInterceptor interceptor = new PermissionInterceptor(audit);
    return new WebMvcConfigurer() {
      @Override
      public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(interceptor);
      }
    };
  }
}
