package dev.croupier.workflows.session;

import dev.croupier.games.api.SessionStarted;
import io.temporal.activity.ActivityInterface;

/**
 * The game plugin's calls, run as local activities so that their results are recorded in the
 * history: replay and game recall never re-run game math, and a plugin may change or move to a
 * remote engine without breaking running sessions.
 */
@ActivityInterface(namePrefix = "Game.")
public interface GamePluginActivities {

  /**
   * The plugin's {@code initSession}. Pure: a retry returns an equal result.
   *
   * @throws io.temporal.failure.ApplicationFailure non-retryable, typed {@code UNKNOWN_GAME},
   *     {@code UNKNOWN_GAME_VERSION} or {@code VALIDATION_FAILED}
   */
  SessionStarted initSession(InitSession request);

  /**
   * The plugin's {@code placeBet} then {@code settle} for one round. Pure: a retry, or a replay
   * after a crash, returns an equal result, so the round's outcome is fixed by its seed.
   *
   * @throws io.temporal.failure.ApplicationFailure non-retryable, typed with the plugin's error
   *     code (for example {@code BET_BELOW_MINIMUM} or {@code ROUND_IN_PROGRESS}), or {@code
   *     GAME_CONTENT_MISMATCH} when the installed plugin of the session's version is not the one
   *     certified under the session's content hash: nothing is played
   */
  PlayedRound playRound(PlayRound request);
}
