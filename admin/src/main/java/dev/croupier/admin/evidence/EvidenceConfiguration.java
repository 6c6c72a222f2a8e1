package dev.croupier.admin.evidence;

import dev.croupier.admin.AdminProperties;
import dev.croupier.admin.audit.AuditLog;
import dev.croupier.admin.platform.AdminWallet;
import dev.croupier.admin.platform.AdminWorker;
import dev.croupier.evidence.EvidenceKeys;
import dev.croupier.wallet.api.ServiceTls;
import dev.croupier.workflows.evidence.EvidenceExportWorkflowImpl;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.temporal.client.WorkflowClient;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The inspector's and exports' beans, and the export workflows' worker. */
@Configuration(proxyBeanMethods = false)
class EvidenceConfiguration {

  @Bean
  GameEvidence gameEvidence(AdminProperties properties, EvidenceProperties evidence) {
    AdminProperties.Tls tls = properties.tls();
    // Built on first use: the back office serves sign-in without the service identity.
    return new GameEvidence(
        () -> ServiceTls.of(tls.certificate(), tls.privateKey(), tls.trustedCa()).sslContext(),
        evidence.workersUrl());
  }

  @Bean
  PlayerHands playerHands(AdminWallet wallet, GameEvidence game) {
    return new PlayerHands(wallet, game);
  }

  @Bean
  Histories histories(WorkflowClient temporal, AdminProperties properties) {
    return new Histories(temporal, properties);
  }

  @Bean
  Exports exports(
      WorkflowClient temporal,
      EvidenceProperties evidence,
      GameEvidence game,
      PlayerHands playerHands,
      AuditLog audit,
      MeterRegistry meters) {
    return new Exports(
        temporal,
        evidence.taskQueue(),
        Path.of(evidence.directory()),
        !evidence.signingKey().isBlank(),
        audit,
        evidence.maxSessions(),
        evidence.maxHands(),
        game,
        playerHands,
        new ExportMetrics(meters));
  }

  @Bean
  HealthIndicator evidenceHealthIndicator(
      EvidenceProperties evidence,
      @Qualifier("evidenceWorker") AdminWorker evidenceWorker,
      GameEvidence game,
      MeterRegistry meters) {
    EvidenceHealthIndicator health =
        new EvidenceHealthIndicator(
            evidence.signingKey(), evidenceWorker::enabled, evidenceWorker::polling, game);
    Gauge.builder("croupier.admin.evidence.ready", health, EvidenceHealthIndicator::ready)
        .description("1 while an evidence export could run (health component evidence UP)")
        .register(meters);
    return health;
  }

  @Bean
  AdminWorker evidenceWorker(
      WorkflowClient temporal,
      GameEvidence game,
      PlayerHands playerHands,
      EvidenceProperties evidence,
      AdminProperties properties,
      AuditLog audit,
      MeterRegistry meters,
      Clock clock,
      @Value("${croupier.admin.command-mode:false}") boolean commandMode) {
    // The key is read when a bundle is sealed, never logged; a malformed one fails that export.
    java.util.function.Supplier<KeyPair> key =
        () -> EvidenceKeys.decodePrivate(evidence.signingKey());
    EvidenceActivitiesImpl activities =
        new EvidenceActivitiesImpl(
            temporal,
            game,
            playerHands,
            key,
            Path.of(evidence.directory()),
            audit,
            meters,
            clock,
            evidence.maxHands());
    return new AdminWorker(
        "evidence",
        temporal,
        evidence.taskQueue(),
        w -> {
          w.registerWorkflowImplementationTypes(EvidenceExportWorkflowImpl.class);
          w.registerActivitiesImplementations(activities);
        },
        () -> "",
        properties.temporal().worker() && !commandMode);
  }
}
