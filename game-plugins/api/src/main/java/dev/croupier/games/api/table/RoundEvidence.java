package dev.croupier.games.api.table;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * What the platform recorded of one round of a table, gathered by the platform from each record
 * without reading the game's events: the input of {@link dev.croupier.games.api.TableGame#recall}.
 *
 * @param tableId the table
 * @param round the round (the seed's nonce)
 * @param events the round's public events as the table published them, in {@code seq} order
 * @param epoch the seed epoch that dealt the round
 * @param privateDeals the seats' private deals as the platform can read them (for example opened
 *     with the compliance key); empty when none could be read
 * @param rakePosted the amount of the ledger's rake transaction of the round, or null when the
 *     ledger holds none
 * @param historyMoves the game moves the table workflow's history accepted for the round, in order,
 *     or null when the history was not read
 */
public record RoundEvidence(
    UUID tableId,
    long round,
    List<SharedEvent> events,
    Epoch epoch,
    List<PrivateDeal> privateDeals,
    Long rakePosted,
    List<RecordedMove> historyMoves) {
  public RoundEvidence {
    Objects.requireNonNull(tableId, "tableId");
    Objects.requireNonNull(epoch, "epoch");
    events = List.copyOf(events);
    privateDeals = privateDeals == null ? List.of() : List.copyOf(privateDeals);
    historyMoves = historyMoves == null ? null : List.copyOf(historyMoves);
  }

  /**
   * A seed epoch as the table published it.
   *
   * @param epoch the epoch number
   * @param commitment SHA-256 of the server seed, published before the epoch's first round
   * @param clientSeed the table's client seed
   * @param serverSeed the revealed server seed, or null while the epoch runs
   */
  public record Epoch(int epoch, String commitment, String clientSeed, String serverSeed) {
    public Epoch {
      Objects.requireNonNull(commitment, "commitment");
      Objects.requireNonNull(clientSeed, "clientSeed");
    }
  }

  /**
   * A move the history accepted: the seat and the move as the player sent it ({@link
   * TableMove#toJson()}).
   */
  public record RecordedMove(int seat, Map<String, Object> move) {
    public RecordedMove {
      move = Map.copyOf(move);
    }
  }
}
