package dev.croupier.workflows.session;

import io.temporal.activity.ActivityInterface;

/**
 * Creates a session's server seed from a CSPRNG. A local activity, so that the seed is recorded in
 * the history and a replay sees the same seed instead of drawing a new one.
 */
@ActivityInterface(namePrefix = "Seed.")
public interface SeedActivities {

  /**
   * A fresh 32-byte server seed and its SHA-256 commitment. Not idempotent by design (every call
   * draws a new seed); the workflow calls it once per session and the history keeps the answer.
   *
   * @param clientSeed the player's seed, or null to draw a default one
   * @throws io.temporal.failure.ApplicationFailure non-retryable {@code VALIDATION_FAILED} for a
   *     client seed that is not 1-64 printable ASCII characters
   */
  Seeds generate(String clientSeed);
}
