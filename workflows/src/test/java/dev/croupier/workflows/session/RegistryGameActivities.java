package dev.croupier.workflows.session;

import dev.croupier.errors.CroupierException;
import dev.croupier.games.api.BetPlaced;
import dev.croupier.games.api.GamePlugin;
import dev.croupier.games.api.GameRegistry;
import dev.croupier.games.api.SessionStarted;
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
