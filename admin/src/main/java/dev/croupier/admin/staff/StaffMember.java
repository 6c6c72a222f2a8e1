package dev.croupier.admin.staff;

import java.io.Serial;
import java.io.Serializable;
import java.util.Objects;
import java.util.UUID;

/**
 * A signed-in staff member, as the session holds them.
 *
 * @param staffId their id
 * @param email their sign-in email
 * @param displayName how pages name them
 * @param role what they may do
 */
public record StaffMember(UUID staffId, String email, String displayName, Role role)
    implements Serializable {
  @Serial private static final long serialVersionUID = 1L;

  public StaffMember {
    Objects.requireNonNull(staffId, "staffId");
    Objects.requireNonNull(email, "email");
    Objects.requireNonNull(displayName, "displayName");
    Objects.requireNonNull(role, "role");
  }

  /** Whether this member's role has {@code permission}. */
  public boolean may(Permission permission) {
    return permission.grantedTo(role);
  }
}
