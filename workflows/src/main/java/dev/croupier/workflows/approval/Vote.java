package dev.croupier.workflows.approval;

import java.util.Objects;
import java.util.UUID;

/**
 * A second staff member's decision on an adjustment.
 *
 * @param staffId who decides
 * @param role their role ({@code ADMIN} is the only one that may)
 * @param reason why, as they gave it
 */
public record Vote(UUID staffId, String role, String reason) {
  public Vote {
    Objects.requireNonNull(staffId, "staffId");
    Objects.requireNonNull(role, "role");
  }
}
