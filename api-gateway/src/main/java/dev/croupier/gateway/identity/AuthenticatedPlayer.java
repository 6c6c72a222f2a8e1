package dev.croupier.gateway.identity;

import java.util.List;
import java.util.UUID;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * The caller as a verified access token describes them. Build it from the {@link Jwt} principal
 * that Spring Security's resource server puts in the security context (REST and the WebSocket
 * upgrade alike).
 */
public record AuthenticatedPlayer(UUID userId, String deviceId, List<String> roles) {
  public static final String DEVICE_ID_CLAIM = "device_id";
  public static final String ROLES_CLAIM = "roles";

  public static AuthenticatedPlayer from(Jwt jwt) {
    List<String> roles = jwt.getClaimAsStringList(ROLES_CLAIM);
    return new AuthenticatedPlayer(
        UUID.fromString(jwt.getSubject()),
        jwt.getClaimAsString(DEVICE_ID_CLAIM),
        roles == null ? List.of() : List.copyOf(roles));
  }
}
