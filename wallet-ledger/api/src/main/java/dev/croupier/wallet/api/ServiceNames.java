package dev.croupier.wallet.api;

/**
 * The services that call the wallet, as their certificates name them (the subject's common name).
 * The wallet's authorization matrix is written in these names; see wallet-ledger/README.md.
 */
public final class ServiceNames {
  /** The internet-facing gateway: opens players' accounts, reads their balances and entries. */
  public static final String GATEWAY = "api-gateway";

  /** The Temporal workers: post rounds, jackpots and table money under session and table keys. */
  public static final String WORKERS = "workers";

  /** The staff app: grants, adjustments and reversals. */
  public static final String ADMIN = "admin";

  /** The wallet itself (its server certificate); it may call nothing. */
  public static final String WALLET = "wallet";

  private ServiceNames() {}
}
