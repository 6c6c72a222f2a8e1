package dev.croupier.bench.sessions;

import dev.croupier.workflows.session.JackpotPaid;
import dev.croupier.workflows.session.JackpotPayout;
import dev.croupier.workflows.session.LedgerActivities;
import dev.croupier.workflows.session.PostedRound;
import dev.croupier.workflows.session.RoundPosting;
import dev.croupier.workflows.session.RoundRecord;
import dev.croupier.workflows.session.SessionAccounts;
import dev.croupier.workflows.session.SessionClosed;
import dev.croupier.workflows.session.SessionProjectionActivities;
import dev.croupier.workflows.session.SessionRecord;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Answers the ledger and projection calls at once, without the wallet or PostgreSQL: with them the
 * benchmark isolates what the workflow, the plugin and Temporal cost per bet.
 */
final class StubbedBackends {
  private StubbedBackends() {}

  /** A ledger that accepts every round. */
  static final class Ledger implements LedgerActivities {
    private final AtomicLong ids = new AtomicLong();

    @Override
    public SessionAccounts openAccounts(UUID userId, String currency) {
      return new SessionAccounts(1, 2, 3, currency, Long.MAX_VALUE / 4);
    }

    @Override
    public PostedRound postRound(RoundPosting p) {
      return new PostedRound(
          ids.incrementAndGet(),
          Long.MAX_VALUE / 4,
          false,
          p.requestId(),
          p.spins(),
          p.clientSeed(),
          p.stake(),
          p.accounts().currency(),
          p.win());
    }

    @Override
    public PostedRound findRound(String idempotencyKey) {
      return null;
    }

    @Override
    public JackpotPaid payJackpot(JackpotPayout payout) {
      return new JackpotPaid(ids.incrementAndGet(), 0, 0, 0, false);
    }
  }

  /** A projection that writes nothing. */
  static final class Projection implements SessionProjectionActivities {
    @Override
    public void openSession(SessionRecord session) {}

    @Override
    public void recordRound(RoundRecord round) {}

    @Override
    public void closeSession(SessionClosed closed) {}
  }
}
