package dev.croupier.activities.game;

import dev.croupier.errors.CroupierException;
import dev.croupier.games.api.BetPlaced;
import dev.croupier.games.api.GamePlugin;
import dev.croupier.games.api.GameRegistry;
import dev.croupier.games.api.SessionStarted;
import dev.croupier.workflows.session.GamePluginActivities;
import dev.croupier.workflows.session.InitSession;
import dev.croupier.workflows.session.PlayRound;
import dev.croupier.workflows.session.PlayedRound;
import io.temporal.failure.ApplicationFailure;
import java.util.Objects;

/** Calls the installed plugins; a plugin's business error becomes a non-retryable failure. */
public final class GamePluginActivitiesImpl implements GamePluginActivities {
  private final GameRegistry registry;

  public GamePluginActivitiesImpl(GameRegistry registry) {
    this.registry = Objects.requireNonNull(registry);
  }

  @Override
  public SessionStarted initSession(InitSession r) {
    try {
      return registry.find(r.game()).initSession(r.sessionId(), r.userId(), r.game(), r.options());
    } catch (CroupierException e) {
      throw ApplicationFailure.newNonRetryableFailure(e.getMessage(), e.code().name());
    }
  }

  @Override
  public PlayedRound playRound(PlayRound r) {
    try {
      GamePlugin plugin = registry.find(r.before().game());
      BetPlaced bet = plugin.placeBet(r.before(), r.wager(), r.meta());
      return new PlayedRound(bet.postings(), plugin.settle(bet.state(), r.seed()));
    } catch (CroupierException e) {
      throw ApplicationFailure.newNonRetryableFailure(e.getMessage(), e.code().name());
    }
  }
}
