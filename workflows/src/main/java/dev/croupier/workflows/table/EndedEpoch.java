package dev.croupier.workflows.table;

import dev.croupier.workflows.session.Seeds;

/**
 * A seed epoch that has ended, as a table carries it into its next run: its seeds, so the data
 * converter seals the server seed in the history as it does every {@link Seeds}, and the rounds it
 * dealt. The snapshot shows it to players as a {@link SeedEpoch}.
 *
 * @param epoch the run number, from 1
 * @param firstHand the first round the epoch dealt
 * @param lastHand the last round the epoch dealt
 */
public record EndedEpoch(int epoch, Seeds seeds, long firstHand, long lastHand) {
  /** As players see it: with the server seed, revealed. */
  SeedEpoch revealed() {
    return new SeedEpoch(
        epoch, seeds.commitment(), seeds.clientSeed(), firstHand, lastHand, seeds.serverSeed());
  }
}
