package dev.croupier.games.poker.recall;

import dev.croupier.games.poker.HoleCardsDealt;
import dev.croupier.games.poker.PublicEvent;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * What the platform recorded of one hand, gathered by the caller from each source.
 *
 * @param tableId the table
 * @param handNumber the hand (the seed's nonce)
 * @param events the hand's public events from {@code table.events}, in {@code seq} order (the
 *     {@code event} field of each record, read as {@link PublicEvent})
 * @param epoch the seed epoch that dealt the hand ({@code seedCommitted} and, once the epoch ended,
 *     {@code seedRevealed})
 * @param openedHoleCards the hole cards opened with the compliance private key from the hand's
 *     {@code holeCardsSealed} records; empty when not opened
 * @param rakePosted the amount of the ledger transaction {@code table-<id>/hand-<n>/rake}, or null
 *     when the ledger holds none
 * @param historyActions the seats' moves as the table workflow's history recorded them (its {@code
 *     act} updates, accepted), or null when the history was not read
 */
public record HandRecords(
    UUID tableId,
    long handNumber,
    List<PublicEvent> events,
    Epoch epoch,
    List<HoleCardsDealt> openedHoleCards,
    Long rakePosted,
    List<HistoryAction> historyActions) {
  public HandRecords {
    Objects.requireNonNull(tableId, "tableId");
    Objects.requireNonNull(epoch, "epoch");
    events = List.copyOf(events);
    openedHoleCards = openedHoleCards == null ? List.of() : List.copyOf(openedHoleCards);
    historyActions = historyActions == null ? null : List.copyOf(historyActions);
  }

  /**
   * A seed epoch as {@code table.events} published it.
   *
   * @param epoch the epoch number (the table workflow's run)
   * @param commitment SHA-256 of the server seed, published before the epoch's first hand
   * @param clientSeed the table's client seed ({@code table-<id>})
   * @param serverSeed the revealed server seed, or null while the epoch runs
   */
  public record Epoch(int epoch, String commitment, String clientSeed, String serverSeed) {
    public Epoch {
      Objects.requireNonNull(commitment, "commitment");
      Objects.requireNonNull(clientSeed, "clientSeed");
    }
  }

  /**
   * One move as the history holds it (an accepted {@code act} update; the action clock's moves are
   * not requests and are left out).
   *
   * @param seat the seat that moved
   * @param kind {@code FOLD}, {@code CHECK}, {@code CALL}, {@code BET}, {@code RAISE}, {@code
   *     ALL_IN}
   */
  public record HistoryAction(int seat, String kind) {}
}
