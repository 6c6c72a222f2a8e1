package dev.croupier.activities.game;

import dev.croupier.errors.CroupierException;
import dev.croupier.errors.ErrorCode;
import dev.croupier.games.api.BetPlaced;
import dev.croupier.games.api.GameRegistry;
import dev.croupier.games.api.RoundGame;
import dev.croupier.games.api.SessionStarted;
import dev.croupier.workflows.session.GamePluginActivities;
import dev.croupier.workflows.session.InitSession;
import dev.croupier.workflows.session.PlayRound;
import dev.croupier.workflows.session.PlayedRound;
import io.temporal.failure.ApplicationFailure;
import java.util.Objects;

/**
 * Calls the installed round games; a plugin's business error becomes a non-retryable failure. A
 * round is played only by the plugin certified under the session's content hash.
 */
public final class GamePluginActivitiesImpl implements GamePluginActivities {
  private final GameRegistry registry;

  public GamePluginActivitiesImpl(GameRegistry registry) {
    this.registry = Objects.requireNonNull(registry);
  }

  @Override
  public SessionStarted initSession(InitSession r) {
    try {
      return registry.round(r.game()).initSession(r.sessionId(), r.userId(), r.game(), r.options());
    } catch (CroupierException e) {
      throw ApplicationFailure.newNonRetryableFailure(e.getMessage(), e.code().name());
    }
  }

  @Override
  public PlayedRound playRound(PlayRound r) {
    try {
      RoundGame plugin = registry.round(r.before().game());
      String installed = plugin.descriptor().contentHash();
      if (r.contentHash() != null && !r.contentHash().equals(installed)) {
        throw new CroupierException(
            ErrorCode.GAME_CONTENT_MISMATCH,
            r.before().game()
                + " is installed with content hash "
                + installed
                + ", but the session started on "
                + r.contentHash());
      }
      BetPlaced bet = plugin.placeBet(r.before(), r.wager(), r.meta());
      return new PlayedRound(bet.postings(), plugin.settle(bet.state(), r.seed()));
    } catch (CroupierException e) {
      throw ApplicationFailure.newNonRetryableFailure(e.getMessage(), e.code().name());
    }
  }
}
