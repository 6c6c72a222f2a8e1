package dev.croupier.workflows.table;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.croupier.games.api.table.PrivateDeal;
import java.util.List;
import java.util.Map;

/**
 * One numbered table event, as the workflow hands it to {@link TableEventActivities}. {@code seq}
 * counts from 1 over the table's whole life (across continue-as-new), so {@code (tableId, seq)} is
 * the event's id on the topic and consumers deduplicate by it.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
  @JsonSubTypes.Type(value = TableEvent.Public.class, name = "public"),
  @JsonSubTypes.Type(value = TableEvent.Private.class, name = "private"),
  @JsonSubTypes.Type(value = TableEvent.SeedCommitted.class, name = "seedCommitted"),
  @JsonSubTypes.Type(value = TableEvent.SeedRevealed.class, name = "seedRevealed"),
  @JsonSubTypes.Type(value = TableEvent.Listing.class, name = "listing")
})
public sealed interface TableEvent {
  long seq();

  /** The round the event belongs to, or the last round started for table-level events. */
  long handNumber();

  /**
   * A game event everyone may see, as the game described it ({@code event} has its {@code type}).
   */
  record Public(long seq, long handNumber, Map<String, Object> event) implements TableEvent {}

  /**
   * A seat's private deal. The activity seals it for compliance before it leaves the worker: the
   * topic never carries these cards in the clear.
   */
  record Private(long seq, long handNumber, PrivateDeal deal) implements TableEvent {}

  /**
   * A seed epoch began: the SHA-256 commitment of the server seed that deals rounds {@code
   * firstHand} onwards, until the matching {@link SeedRevealed}.
   */
  record SeedCommitted(
      long seq, long handNumber, int epoch, String commitment, String clientSeed, long firstHand)
      implements TableEvent {}

  /**
   * A seed epoch ended: its server seed, so anyone can check the commitment and re-deal every round
   * from {@code firstHand} to {@code lastHand} (for poker with {@code PokerVerifier}).
   */
  record SeedRevealed(
      long seq,
      long handNumber,
      int epoch,
      String commitment,
      String serverSeed,
      String clientSeed,
      long firstHand,
      long lastHand)
      implements TableEvent {}

  /** The table's lobby entry changed; {@code summary} is null when the table is gone. */
  record Listing(long seq, long handNumber, TableSummary summary) implements TableEvent {}

  /** Every type name, for documentation and tests. */
  List<String> KINDS = List.of("public", "private", "seedCommitted", "seedRevealed", "listing");
}
