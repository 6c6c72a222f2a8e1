package dev.croupier.admin.approvals;

import dev.croupier.admin.AdminProperties;
import dev.croupier.admin.audit.AuditLog;
import dev.croupier.admin.platform.AdminWallet;
import dev.croupier.admin.platform.AdminWorker;
import dev.croupier.workflows.approval.AdjustmentWorkflowImpl;
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
  AdminWorker approvalWorker(
      WorkflowClient temporal,
      AdminWallet wallet,
      DSLContext dsl,
      AuditLog audit,
      Clock clock,
      Adjustments adjustments,
      AdminProperties properties,
      @Value("${croupier.admin.command-mode:false}") boolean commandMode) {
    AdjustmentActivitiesImpl activities = new AdjustmentActivitiesImpl(wallet, dsl, audit, clock);
    // Once polling, adjustments whose workflow never started (the app stopped in between) resume.
    return new AdminWorker(
        "approval",
        temporal,
        properties.temporal().taskQueue(),
        w -> {
          w.registerWorkflowImplementationTypes(AdjustmentWorkflowImpl.class);
          w.registerActivitiesImplementations(activities);
        },
        () -> "; " + adjustments.resume() + " adjustments resumed",
        properties.temporal().worker() && !commandMode);
  }
}
