package dev.croupier.gamestore.tables;

import static dev.croupier.db.jooq.game.Tables.TABLE_EVENT_OUTBOX;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record1;
import org.jooq.impl.DSL;

/**
 * Reads a table's event log: the rows of {@code game.table_event_outbox} on the events topic,
 * published or not (the relay keeps them, see {@link TableEventOutbox}). Read-only; every method
 * answers from one query.
 */
public final class TableEventLog {
  /** The seed epoch records, table-level events that every hand's proof needs. */
  public static final List<String> SEED_TYPES = List.of("seedCommitted", "seedRevealed");

  /**
   * One event as it was written.
   *
   * @param seq its number over the table's life
   * @param type the record type ({@code handStarted}, {@code holeCardsSealed}, {@code
   *     seedCommitted}…)
   * @param handNumber the round it belongs to (the last round started for table-level events)
   * @param payload the record value as JSON
   * @param writtenAt when the step that made it was written
   */
  public record Event(long seq, String type, long handNumber, String payload, Instant writtenAt) {
    public Event {
      Objects.requireNonNull(type, "type");
      Objects.requireNonNull(payload, "payload");
    }
  }

  /** A round of the table and when its first event was written. */
  public record Round(long handNumber, Instant startedAt) {}

  private final DSLContext dsl;
  private final String eventsTopic;

  /**
   * @param eventsTopic {@code table.events}: rows of other topics (the lobby) are not read
   */
  public TableEventLog(DSLContext dsl, String eventsTopic) {
    this.dsl = dsl;
    this.eventsTopic = Objects.requireNonNull(eventsTopic, "eventsTopic");
  }

  /** Whether the table has written any event. */
  public boolean exists(UUID tableId) {
    return dsl.fetchExists(
        dsl.selectOne().from(TABLE_EVENT_OUTBOX).where(TABLE_EVENT_OUTBOX.TABLE_ID.eq(tableId)));
  }

  /**
   * The rounds whose first event was written in {@code [from, to)}, in round order, at most {@code
   * limit}.
   *
   * @param from inclusive, or null for no lower bound
   * @param to exclusive, or null for no upper bound
   */
  public List<Round> rounds(UUID tableId, Instant from, Instant to, int limit) {
    Field<OffsetDateTime> started = DSL.min(TABLE_EVENT_OUTBOX.CREATED_AT).as("started_at");
    Condition range = DSL.noCondition();
    if (from != null) {
      range = range.and(DSL.min(TABLE_EVENT_OUTBOX.CREATED_AT).ge(from.atOffset(ZoneOffset.UTC)));
    }
    if (to != null) {
      range = range.and(DSL.min(TABLE_EVENT_OUTBOX.CREATED_AT).lt(to.atOffset(ZoneOffset.UTC)));
    }
    return dsl.select(TABLE_EVENT_OUTBOX.HAND_NUMBER, started)
        .from(TABLE_EVENT_OUTBOX)
        .where(onEvents(tableId))
        .and(TABLE_EVENT_OUTBOX.HAND_NUMBER.gt(0L))
        .groupBy(TABLE_EVENT_OUTBOX.HAND_NUMBER)
        .having(range)
        .orderBy(TABLE_EVENT_OUTBOX.HAND_NUMBER)
        .limit(limit)
        .fetch(r -> new Round(r.value1(), r.value2().toInstant()));
  }

  /** Round {@code handNumber} of the table, if it has written any event of it. */
  public Optional<Round> round(UUID tableId, long handNumber) {
    OffsetDateTime started =
        dsl.select(DSL.min(TABLE_EVENT_OUTBOX.CREATED_AT))
            .from(TABLE_EVENT_OUTBOX)
            .where(onEvents(tableId))
            .and(TABLE_EVENT_OUTBOX.HAND_NUMBER.eq(handNumber))
            .fetchOne(Record1::value1);
    return Optional.ofNullable(started).map(t -> new Round(handNumber, t.toInstant()));
  }

  /** The events of rounds {@code first} to {@code last} (both inclusive), in {@code seq} order. */
  public List<Event> events(UUID tableId, long first, long last) {
    return dsl.selectFrom(TABLE_EVENT_OUTBOX)
        .where(onEvents(tableId))
        .and(TABLE_EVENT_OUTBOX.HAND_NUMBER.between(first, last))
        .orderBy(TABLE_EVENT_OUTBOX.SEQ)
        .fetch(
            r ->
                new Event(
                    r.getSeq(),
                    r.getType(),
                    r.getHandNumber(),
                    r.getPayload(),
                    r.getCreatedAt().toInstant()));
  }

  /** Every seed epoch record of the table ({@link #SEED_TYPES}), in {@code seq} order. */
  public List<Event> seeds(UUID tableId) {
    return dsl.selectFrom(TABLE_EVENT_OUTBOX)
        .where(onEvents(tableId))
        .and(TABLE_EVENT_OUTBOX.TYPE.in(SEED_TYPES))
        .orderBy(TABLE_EVENT_OUTBOX.SEQ)
        .fetch(
            r ->
                new Event(
                    r.getSeq(),
                    r.getType(),
                    r.getHandNumber(),
                    r.getPayload(),
                    r.getCreatedAt().toInstant()));
  }

  private Condition onEvents(UUID tableId) {
    return TABLE_EVENT_OUTBOX
        .TABLE_ID
        .eq(tableId)
        .and(TABLE_EVENT_OUTBOX.TOPIC.eq(eventsTopic))
        .and(TABLE_EVENT_OUTBOX.PAYLOAD.isNotNull());
  }
}
