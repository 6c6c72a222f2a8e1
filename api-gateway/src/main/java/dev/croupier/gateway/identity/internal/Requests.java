package dev.croupier.gateway.identity.internal;

import org.jspecify.annotations.Nullable;

/** JSON request bodies of {@code /auth}. Every field may be missing; validation says which. */
final class Requests {
  private Requests() {}

  record Register(
      @Nullable String email, @Nullable String password, @Nullable String displayName) {}

  /**
   * @param deviceId optional client-chosen device identifier; one is made up when missing
   */
  record Login(@Nullable String email, @Nullable String password, @Nullable String deviceId) {}

  record Refresh(@Nullable String refreshToken) {}

  /**
   * @param accessToken the current access token, if the client still has it: it is revoked too (put
   *     on the deny list until it would expire), so it stops working for REST at once
   */
  /** The one-time code that ended an OIDC login, and the device to sign in. */
  record SignInCode(@Nullable String code, @Nullable String deviceId) {}

  record Logout(@Nullable String refreshToken, @Nullable String accessToken) {}
}
