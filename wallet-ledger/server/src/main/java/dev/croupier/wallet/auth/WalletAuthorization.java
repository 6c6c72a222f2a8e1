package dev.croupier.wallet.auth;

import dev.croupier.wallet.ledger.LedgerException;

/** Decides whether a calling service may make a wallet call. */
@FunctionalInterface
public interface WalletAuthorization {
  /**
   * Returns when {@code caller} may make {@code call}.
   *
   * @throws LedgerException CALLER_NOT_AUTHORIZED otherwise; nothing has been written
   */
  void check(String caller, WalletCall call);
}
