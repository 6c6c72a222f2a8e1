package dev.croupier.client.sessions;

import dev.croupier.workflows.session.ComplianceActivities;
import dev.croupier.workflows.session.ComplianceAlert;
import java.util.ArrayList;
import java.util.List;

/** Compliance for the time-skipping tests: the alerts raised, each once by id. */
final class RecordingCompliance implements ComplianceActivities {
  final List<ComplianceAlert> alerts = new ArrayList<>();

  @Override
  public synchronized void raiseAlert(ComplianceAlert alert) {
    if (alerts.stream().noneMatch(a -> a.alertId().equals(alert.alertId()))) {
      alerts.add(alert);
    }
  }

  synchronized List<ComplianceAlert> raised() {
    return List.copyOf(alerts);
  }
}
