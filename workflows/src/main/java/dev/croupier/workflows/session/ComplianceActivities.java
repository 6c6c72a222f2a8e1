package dev.croupier.workflows.session;

import io.temporal.activity.ActivityInterface;

/** What a session reports to compliance. */
@ActivityInterface(namePrefix = "Compliance.")
public interface ComplianceActivities {
  /**
   * Raises an alert: writes it to the game context's outbox for {@code compliance.alerts} and
   * counts it ({@code croupier.compliance.alerts{kind}}). Idempotent by {@link
   * ComplianceAlert#alertId()}: a retried activity or replayed task writes and counts nothing more.
   * Infrastructure failures propagate and are retried.
   */
  void raiseAlert(ComplianceAlert alert);
}
