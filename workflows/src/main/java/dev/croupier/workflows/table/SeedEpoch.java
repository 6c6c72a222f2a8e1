package dev.croupier.workflows.table;

/**
 * One seed epoch of a table (a workflow run): the commitment to the server seed that deals rounds
 * {@code firstHand} onwards, with the table's client seed; once the epoch has ended, also the last
 * round it dealt and the server seed itself, so that anyone can check the commitment and re-deal
 * each of its rounds (round {@code n} from the seed with client seed {@code clientSeed} and nonce
 * {@code n}).
 *
 * @param epoch the run number, from 1
 * @param lastHand the last round the epoch dealt; 0 while it runs
 * @param serverSeed the revealed server seed; null while the epoch runs
 */
public record SeedEpoch(
    int epoch,
    String commitment,
    String clientSeed,
    long firstHand,
    long lastHand,
    String serverSeed) {
  /** Whether the epoch has ended and its server seed is known. */
  public boolean revealed() {
    return serverSeed != null;
  }
}
