package dev.croupier.admin.audit;

import dev.croupier.admin.staff.StaffMember;

/**
 * Who does something, from where: the audit fields that come from the request.
 *
 * @param staff the signed-in staff member, or null (a sign-in attempt)
 * @param requestId this request's id
 * @param ip the client's address
 * @param userAgent the client's user agent, cut to 512 characters
 */
public record Actor(StaffMember staff, String requestId, String ip, String userAgent) {
  public Actor {
    userAgent =
        userAgent == null ? null : userAgent.substring(0, Math.min(512, userAgent.length()));
  }
}
