package dev.croupier.workflows.session;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * How one session behaves; fixed when it starts and carried across continue-as-new.
 *
 * @param autoSpinEnabled the {@code auto-spin} feature flag as it was when the session opened
 * @param autoSpinMax the most rounds one auto-spin request may play
 * @param idleTimeout a session with no bet, close or query-free activity for this long is closed by
 *     its idle timer
 * @param continueAsNewEvery rounds per workflow run; the run then continues as new to keep its
 *     history short
 * @param rememberedRequests how many recent request ids (and their results) are kept to answer
 *     replayed requests, also across continue-as-new
 * @param gameOptions options for the plugin's {@code initSession}
 */
public record SessionOptions(
    boolean autoSpinEnabled,
    int autoSpinMax,
    Duration idleTimeout,
    int continueAsNewEvery,
    int rememberedRequests,
    Map<String, Object> gameOptions) {

  /** Defaults for production: no auto-spin, 15 minutes idle, 100 rounds per run. */
  public static final SessionOptions DEFAULTS =
      new SessionOptions(false, 0, Duration.ofMinutes(15), 100, 64, Map.of());

  public SessionOptions {
    Objects.requireNonNull(idleTimeout, "idleTimeout");
    if (idleTimeout.isNegative() || idleTimeout.isZero()) {
      throw new IllegalArgumentException("idleTimeout must be positive");
    }
    if (autoSpinMax < 0 || continueAsNewEvery < 1 || rememberedRequests < 1) {
      throw new IllegalArgumentException(
          "need autoSpinMax >= 0, continueAsNewEvery >= 1, rememberedRequests >= 1");
    }
    gameOptions = gameOptions == null ? Map.of() : Map.copyOf(gameOptions);
  }

  public SessionOptions withAutoSpin(boolean enabled, int max) {
    return new SessionOptions(
        enabled, max, idleTimeout, continueAsNewEvery, rememberedRequests, gameOptions);
  }

  public SessionOptions withIdleTimeout(Duration timeout) {
    return new SessionOptions(
        autoSpinEnabled, autoSpinMax, timeout, continueAsNewEvery, rememberedRequests, gameOptions);
  }

  public SessionOptions withContinueAsNewEvery(int rounds) {
    return new SessionOptions(
        autoSpinEnabled, autoSpinMax, idleTimeout, rounds, rememberedRequests, gameOptions);
  }
}
