package dev.croupier.admin.staff;

import java.util.EnumSet;
import java.util.Set;

/**
 * The permission matrix: every admin endpoint names one of these, and the server checks it on every
 * request ({@link dev.croupier.admin.web.Requires}). {@code admin/README.md} shows the same matrix
 * as a table, kept current by a test.
 */
public enum Permission {
  DASHBOARD_VIEW("See the dashboard", Role.ADMIN, Role.OPS, Role.COMPLIANCE),
  PLAYER_SEARCH("Search players", Role.ADMIN, Role.OPS, Role.COMPLIANCE),
  PLAYER_VIEW(
      "Open a player's page (personal data; every view is audited)",
      Role.ADMIN,
      Role.OPS,
      Role.COMPLIANCE),
  PLAYER_LOCK("Lock and unlock a player", Role.ADMIN, Role.OPS),
  PLAYER_SIGN_OUT("Sign a player out everywhere", Role.ADMIN, Role.OPS),
  ADJUSTMENT_REQUEST("Ask for a balance adjustment (GRANT or ADJUSTMENT)", Role.ADMIN, Role.OPS),
  ADJUSTMENT_APPROVE("Approve or reject someone else's adjustment over the threshold", Role.ADMIN),
  FLAG_VIEW("See the feature flags", Role.ADMIN, Role.OPS, Role.COMPLIANCE),
  FLAG_TOGGLE("Turn a feature flag on or off", Role.ADMIN, Role.OPS),
  LEDGER_LIVE("Watch the live ledger", Role.ADMIN, Role.OPS, Role.COMPLIANCE),
  AUDIT_VIEW("Read the audit log and verify its chain", Role.ADMIN, Role.COMPLIANCE),
  STAFF_MANAGE("Invite, disable and list staff", Role.ADMIN),
  SESSION_INSPECT("Inspect game sessions and tables", Role.ADMIN, Role.OPS, Role.COMPLIANCE),
  EVIDENCE_EXPORT("Export evidence bundles", Role.COMPLIANCE),
  ALERT_VIEW(
      "See compliance alerts with both versions of the round (every view is audited)",
      Role.ADMIN,
      Role.COMPLIANCE),
  ALERT_RESOLVE("Resolve a compliance alert, lifting its session's hold on bets", Role.COMPLIANCE);

  private final String description;
  private final Set<Role> roles;

  Permission(String description, Role first, Role... rest) {
    this.description = description;
    this.roles = EnumSet.of(first, rest);
  }

  public String description() {
    return description;
  }

  /** Whether {@code role} has this permission. */
  public boolean grantedTo(Role role) {
    return roles.contains(role);
  }

  public Set<Role> roles() {
    return EnumSet.copyOf(roles);
  }
}
