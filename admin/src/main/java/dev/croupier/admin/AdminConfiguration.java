package dev.croupier.admin;

import dev.croupier.admin.audit.AuditLog;
import dev.croupier.admin.dashboard.Dashboard;
import dev.croupier.admin.flags.FlagRelay;
import dev.croupier.admin.flags.Flags;
import dev.croupier.admin.ledger.LiveLedger;
import dev.croupier.admin.platform.AdminWallet;
import dev.croupier.admin.web.Money;
import dev.croupier.admin.web.PermissionInterceptor;
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
      @Value("${croupier.admin.command-mode:false}") boolean commandMode) {
    return new FlagRelay(dataSource, flags, properties.kafka(), !commandMode);
  }

  /** Amounts at their currency's scale; the wallet's currencies are COIN and CASH, scale 2. */
  @Bean
  Money money() {
    return new Money(java.util.Map.of("COIN", 2, "CASH", 2));
  }

  @Bean
  LiveLedger liveLedger(
      AdminProperties properties,
      @Value("${croupier.admin.command-mode:false}") boolean commandMode) {
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
