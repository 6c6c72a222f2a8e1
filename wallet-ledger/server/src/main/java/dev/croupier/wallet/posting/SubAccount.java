package dev.croupier.wallet.posting;

/** One balance row: an account's sub-account. Ordered so that locks are always taken in order. */
record SubAccount(long accountId, int shard) implements Comparable<SubAccount> {
  @Override
  public int compareTo(SubAccount o) {
    int c = Long.compare(accountId, o.accountId);
    return c != 0 ? c : Integer.compare(shard, o.shard);
  }
}
