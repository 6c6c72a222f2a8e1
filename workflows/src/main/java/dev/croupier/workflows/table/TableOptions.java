package dev.croupier.workflows.table;

import java.time.Duration;
import java.util.Objects;

/**
 * How one table behaves; fixed when it opens and carried across continue-as-new.
 *
 * @param actionTimeout the action clock: how long the seat to act has before the table checks or
 *     folds for it
 * @param timeoutsBeforeSitOut consecutive timeouts after which the player is sat out
 * @param handsPerRun hands per workflow run (one seed epoch); the run then continues as new
 * @param handPause the pause between two hands (zero in tests and benchmarks)
 * @param rememberedRequests how many recent request ids (and their answers) are kept to answer a
 *     replayed request, also across continue-as-new
 * @param minPlayers seats playing with chips needed to deal a hand, at least 2
 */
public record TableOptions(
    Duration actionTimeout,
    int timeoutsBeforeSitOut,
    int handsPerRun,
    Duration handPause,
    int rememberedRequests,
    int minPlayers) {

  /** Production defaults: 30 s to act, sat out after 3 timeouts, 50 hands per run, 2 s pause. */
  public static final TableOptions DEFAULTS =
      new TableOptions(Duration.ofSeconds(30), 3, 50, Duration.ofSeconds(2), 256, 2);

  public TableOptions {
    Objects.requireNonNull(actionTimeout, "actionTimeout");
    Objects.requireNonNull(handPause, "handPause");
    if (actionTimeout.isNegative() || actionTimeout.isZero() || handPause.isNegative()) {
      throw new IllegalArgumentException("actionTimeout must be positive, handPause not negative");
    }
    if (timeoutsBeforeSitOut < 1 || handsPerRun < 1 || rememberedRequests < 1 || minPlayers < 2) {
      throw new IllegalArgumentException(
          "need timeoutsBeforeSitOut >= 1, handsPerRun >= 1, rememberedRequests >= 1,"
              + " minPlayers >= 2");
    }
  }

  public TableOptions withActionTimeout(Duration timeout) {
    return new TableOptions(
        timeout, timeoutsBeforeSitOut, handsPerRun, handPause, rememberedRequests, minPlayers);
  }

  public TableOptions withHandsPerRun(int hands) {
    return new TableOptions(
        actionTimeout, timeoutsBeforeSitOut, hands, handPause, rememberedRequests, minPlayers);
  }

  public TableOptions withHandPause(Duration pause) {
    return new TableOptions(
        actionTimeout, timeoutsBeforeSitOut, handsPerRun, pause, rememberedRequests, minPlayers);
  }

  public TableOptions withTimeoutsBeforeSitOut(int n) {
    return new TableOptions(
        actionTimeout, n, handsPerRun, handPause, rememberedRequests, minPlayers);
  }

  public TableOptions withMinPlayers(int n) {
    return new TableOptions(
        actionTimeout, timeoutsBeforeSitOut, handsPerRun, handPause, rememberedRequests, n);
  }
}
