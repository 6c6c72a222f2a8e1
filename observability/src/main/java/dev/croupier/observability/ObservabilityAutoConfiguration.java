package dev.croupier.observability;

import dev.croupier.observability.health.ReadinessGauges;
import dev.croupier.observability.health.TemporalHealthIndicator;
import dev.croupier.observability.temporal.TemporalTelemetry;
import dev.croupier.observability.tracing.SpanExportBudget;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.time.Duration;
import java.util.List;
import org.jooq.DSLContext;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.autoconfigure.actuate.endpoint.HealthEndpointAutoConfiguration;
import org.springframework.boot.jooq.autoconfigure.DefaultConfigurationCustomizer;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.SpanExporters;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.SpanProcessors;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The shared wiring: a bounded, counted span export in front of Spring Boot's OpenTelemetry
 * tracing; and, where the app runs a Temporal client, the SDK's metrics and tracing interceptors
 * ({@link TemporalTelemetry}) and a {@code temporal} health indicator. Everything else (Actuator,
 * the Prometheus endpoint, JVM, HikariCP and Tomcat meters, the {@code db} indicator) comes from
 * Spring Boot itself under the defaults in {@code croupier-observability.properties}.
 */
@AutoConfiguration(
    before = OpenTelemetryTracingAutoConfiguration.class,
    after = HealthEndpointAutoConfiguration.class)
public final class ObservabilityAutoConfiguration {

  @Bean
  @ConditionalOnMissingBean
  SpanExportBudget spanExportBudget(MeterRegistry registry, Environment environment) {
    return new SpanExportBudget(
        environment.getProperty(
            "management.opentelemetry.tracing.export.max-queue-size", Integer.class, 2048),
        registry);
  }

  /** Every configured exporter behind one that frees the budget and counts each batch. */
  @Bean
  SpanExporters spanExporters(ObjectProvider<SpanExporter> exporters, SpanExportBudget budget) {
    List<SpanExporter> all = exporters.orderedStream().toList();
    return all.isEmpty()
        ? SpanExporters.of(List.of())
        : SpanExporters.of(List.of(budget.meter(SpanExporter.composite(all))));
  }

  /**
   * The batch processors behind the budget's guard, once something exports: with no exporter the
   * processor drops every span at once, and nothing can wait.
   */
  @Bean
  SpanProcessors spanProcessors(
      ObjectProvider<SpanProcessor> processors, SpanExportBudget budget, SpanExporters exporters) {
    boolean exporting = exporters.iterator().hasNext();
    return SpanProcessors.of(
        processors
            .orderedStream()
            .map(p -> exporting && p instanceof BatchSpanProcessor ? budget.guard(p) : p)
            .toList());
  }

  /** Readiness as meters, for alerts that name the dependency that is down. */
  @Bean
  @ConditionalOnBean(HealthEndpoint.class)
  ReadinessGauges readinessGauges(HealthEndpoint health, MeterRegistry registry) {
    return new ReadinessGauges(health, registry);
  }

  /**
   * No SQL with its bind values in the logs: at DEBUG jOOQ logs every statement with its values,
   * which include e-mail addresses, token hashes and, at a session's close, the server seed. SQL
   * shows in traces instead, without values.
   */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass({DSLContext.class, DefaultConfigurationCustomizer.class})
  static class Jooq {
    @Bean
    DefaultConfigurationCustomizer noSqlValuesInLogs() {
      return configuration -> configuration.settings().withExecuteLogging(false);
    }
  }

  /** The Temporal SDK's metrics and tracing, for apps with a Temporal client. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(WorkflowServiceStubs.class)
  static class Temporal {
    @Bean
    MeterFilter temporalMeterTagKeys() {
      return TemporalTelemetry.TAG_KEYS;
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    TemporalTelemetry temporalTelemetry(MeterRegistry registry, OpenTelemetry openTelemetry) {
      return TemporalTelemetry.of(registry, openTelemetry);
    }

    @Bean
    @ConditionalOnBean(WorkflowServiceStubs.class)
    @ConditionalOnMissingBean(name = "temporalHealthIndicator")
    TemporalHealthIndicator temporalHealthIndicator(WorkflowServiceStubs stubs) {
      return new TemporalHealthIndicator(
          stubs, stubs.getOptions().getTarget(), Duration.ofSeconds(3));
    }
  }
}
