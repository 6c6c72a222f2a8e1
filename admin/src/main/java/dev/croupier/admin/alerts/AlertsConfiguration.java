package dev.croupier.admin.alerts;

import dev.croupier.admin.AdminProperties;
import dev.croupier.admin.audit.AuditLog;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.temporal.client.WorkflowClient;
import java.time.Clock;
import org.jooq.DSLContext;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Compliance alerts: the table, the feed from Kafka, and their meters. */
@Configuration(proxyBeanMethods = false)
class AlertsConfiguration {

  @Bean
  ComplianceAlerts complianceAlerts(
      DSLContext dsl, WorkflowClient temporal, AuditLog audit, Clock clock, MeterRegistry meters) {
    ComplianceAlerts alerts = new ComplianceAlerts(dsl, temporal, audit, clock);
    Gauge.builder("croupier.admin.alerts.open", alerts, ComplianceAlerts::openCount)
        .description("Compliance alerts not yet resolved (sessions held for review)")
        .register(meters);
    return alerts;
  }

  @Bean
  AlertFeed alertFeed(
      ComplianceAlerts alerts,
      AdminProperties properties,
      MeterRegistry meters,
      @Value("${croupier.admin.command-mode:false}") boolean commandMode) {
    AlertFeed feed =
        new AlertFeed(
            new AlertFeed.Settings(
                properties.kafka().bootstrapServers(),
                properties.kafka().alertsTopic(),
                !commandMode),
            alerts);
    FunctionCounter.builder("croupier.admin.alerts.read", feed, AlertFeed::read)
        .description("Compliance alert records read from Kafka (again after each start)")
        .register(meters);
    FunctionCounter.builder("croupier.admin.alerts.skipped", feed, AlertFeed::skipped)
        .description("Records on the alerts topic that were not alerts")
        .register(meters);
    if (!commandMode) {
      try {
        alerts.refreshOpen();
      } catch (RuntimeException e) {
        // The gauge reads 0 until the first alert or resolution; readiness reports the database.
      }
    }
    return feed;
  }
}
