package dev.croupier.admin.approvals;

import dev.croupier.admin.AdminProperties;
import dev.croupier.admin.audit.AuditLog;
import dev.croupier.admin.platform.AdminWallet;
import io.temporal.client.WorkflowClient;
import java.time.Clock;
import org.jooq.DSLContext;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Adjustments and the worker of their approval workflows. */
@Configuration(proxyBeanMethods = false)
class ApprovalsConfiguration {

  @Bean
  Adjustments adjustments(
      DSLContext dsl,
      AuditLog audit,
      WorkflowClient temporal,
      AdminProperties properties,
      Clock clock) {
    return new Adjustments(dsl, audit, temporal, properties, clock);
  }

  @Bean
  ApprovalWorker approvalWorker(
      WorkflowClient temporal,
      AdminWallet wallet,
      DSLContext dsl,
      AuditLog audit,
      Clock clock,
      Adjustments adjustments,
      AdminProperties properties,
      @Value("${croupier.admin.command-mode:false}") boolean commandMode) {
    return new ApprovalWorker(
        temporal,
        properties.temporal().taskQueue(),
        new AdjustmentActivitiesImpl(wallet, dsl, audit, clock),
        adjustments,
        properties.temporal().worker() && !commandMode);
  }
}
