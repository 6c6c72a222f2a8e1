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

  record Logout(@Nullable String refreshToken) {}
}
