package dev.croupier.client.sessions;

import dev.croupier.errors.CroupierException;
import dev.croupier.games.api.BetPlaced;
import dev.croupier.games.api.GameRegistry;
import dev.croupier.games.api.RoundGame;
import dev.croupier.games.api.SessionStarted;
import dev.croupier.workflows.session.GamePluginActivities;
import dev.croupier.workflows.session.InitSession;
import dev.croupier.workflows.session.PlayRound;
import dev.croupier.workflows.session.PlayedRound;
import io.temporal.failure.ApplicationFailure;

/**
 * The plugin calls over the installed plugins, as the activities module implements them; here so
 * that workflow tests need no module above workflows.
 */
final class RegistryGameActivities implements GamePluginActivities {
  private final GameRegistry registry = GameRegistry.load(getClass().getClassLoader());

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
      BetPlaced bet = plugin.placeBet(r.before(), r.wager(), r.meta());
      return new PlayedRound(bet.postings(), plugin.settle(bet.state(), r.seed()));
    } catch (CroupierException e) {
      throw ApplicationFailure.newNonRetryableFailure(e.getMessage(), e.code().name());
    }
  }
}
