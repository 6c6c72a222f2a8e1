package dev.croupier.realtime.leaderboard;

import static dev.croupier.db.jooq.realtime.Tables.LEADERBOARD_COUNTED_ENTRIES;
import static dev.croupier.db.jooq.realtime.Tables.LEADERBOARD_OFFSETS;
import static dev.croupier.db.jooq.realtime.Tables.LEADERBOARD_SCORES;
import static dev.croupier.db.jooq.realtime.Tables.REVENUE_HOURLY;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.InsertValuesStep6;
import org.jooq.impl.DSL;

/** SQL of the leaderboards (schema {@code game}). */
final class LeaderboardRepository {
  /** A score row's key. */
  record Key(Board board, Period period, LocalDate start, String currency, UUID userId) {
    static final Comparator<Key> ORDER =
        Comparator.comparing(Key::board)
            .thenComparing(Key::period)
            .thenComparing(Key::start)
            .thenComparing(Key::currency)
            .thenComparing(Key::userId);
  }

  Map<Integer, Long> offsets(DSLContext ctx, String topic) {
    Map<Integer, Long> out = new HashMap<>();
    ctx.select(LEADERBOARD_OFFSETS.PARTITION, LEADERBOARD_OFFSETS.NEXT_OFFSET)
        .from(LEADERBOARD_OFFSETS)
        .where(LEADERBOARD_OFFSETS.TOPIC.eq(topic))
        .forEach(r -> out.put(r.value1(), r.value2()));
    return out;
  }

  /** Records the entry IDs as counted and returns those that were not counted before. */
  Set<Long> markCounted(DSLContext ctx, Collection<Long> entryIds) {
    var insert = ctx.insertInto(LEADERBOARD_COUNTED_ENTRIES, LEADERBOARD_COUNTED_ENTRIES.ENTRY_ID);
    for (Long id : entryIds.stream().sorted().toList()) {
      insert = insert.values(id);
    }
    return new HashSet<>(
        insert
            .onConflictDoNothing()
            .returning(LEADERBOARD_COUNTED_ENTRIES.ENTRY_ID)
            .fetch(LEADERBOARD_COUNTED_ENTRIES.ENTRY_ID));
  }

  /** Adds each hour's sums to its row, in (currency, hour) order. */
  void addRevenue(DSLContext ctx, Collection<Revenue.Hour> hours) {
    var r = REVENUE_HOURLY;
    for (Revenue.Hour h :
        hours.stream()
            .sorted(Comparator.comparing(Revenue.Hour::currency).thenComparing(Revenue.Hour::hour))
            .toList()) {
      ctx.insertInto(r, r.CURRENCY, r.HOUR, r.STAKES, r.WINS, r.RAKE, r.ROUNDS)
          .values(
              h.currency(),
              h.hour().atOffset(ZoneOffset.UTC),
              h.stakes(),
              h.wins(),
              h.rake(),
              h.rounds())
          .onConflict(r.CURRENCY, r.HOUR)
          .doUpdate()
          .set(r.STAKES, r.STAKES.plus(DSL.excluded(r.STAKES)))
          .set(r.WINS, r.WINS.plus(DSL.excluded(r.WINS)))
          .set(r.RAKE, r.RAKE.plus(DSL.excluded(r.RAKE)))
          .set(r.ROUNDS, r.ROUNDS.plus(DSL.excluded(r.ROUNDS)))
          .execute();
    }
  }

  /** The hours of {@code currency} from {@code since} on, oldest first. */
  List<Revenue.Hour> revenue(DSLContext ctx, String currency, Instant since) {
    var r = REVENUE_HOURLY;
    return ctx.selectFrom(r)
        .where(r.CURRENCY.eq(currency), r.HOUR.ge(since.atOffset(ZoneOffset.UTC)))
        .orderBy(r.HOUR)
        .fetch(
            x ->
                new Revenue.Hour(
                    x.getCurrency(),
                    x.getHour().toInstant(),
                    x.getStakes(),
                    x.getWins(),
                    x.getRake(),
                    x.getRounds()));
  }

  /**
   * Adds to the total-wagered rows and raises the biggest-win rows, in key order (so concurrent
   * writers lock rows in one order).
   */
  void apply(DSLContext ctx, Map<Key, Long> values) {
    if (values.isEmpty()) {
      return;
    }
    var s = LEADERBOARD_SCORES;
    InsertValuesStep6<?, String, String, LocalDate, String, UUID, Long> insert =
        ctx.insertInto(s, s.BOARD, s.PERIOD, s.PERIOD_START, s.CURRENCY, s.USER_ID, s.VALUE);
    for (Key k : values.keySet().stream().sorted(Key.ORDER).toList()) {
      insert =
          insert.values(
              k.board().id(), k.period().id(), k.start(), k.currency(), k.userId(), values.get(k));
    }
    Field<Long> excluded = DSL.excluded(s.VALUE);
    insert
        .onConflict(s.BOARD, s.PERIOD, s.PERIOD_START, s.CURRENCY, s.USER_ID)
        .doUpdate()
        .set(
            s.VALUE,
            DSL.when(s.BOARD.eq(Board.TOTAL_WAGERED.id()), s.VALUE.plus(excluded))
                .otherwise(DSL.greatest(s.VALUE, excluded)))
        .set(s.UPDATED_AT, DSL.currentOffsetDateTime())
        .execute();
  }

  /** Moves the stored offsets forward (never back: a stale writer after a rebalance cannot). */
  void saveOffsets(DSLContext ctx, String topic, Map<Integer, Long> next) {
    var o = LEADERBOARD_OFFSETS;
    for (var e : new java.util.TreeMap<>(next).entrySet()) {
      ctx.insertInto(o, o.TOPIC, o.PARTITION, o.NEXT_OFFSET)
          .values(topic, e.getKey(), e.getValue())
          .onConflict(o.TOPIC, o.PARTITION)
          .doUpdate()
          .set(o.NEXT_OFFSET, DSL.greatest(o.NEXT_OFFSET, DSL.excluded(o.NEXT_OFFSET)))
          .execute();
    }
  }

  List<Standing> top(
      DSLContext ctx, Board board, Period period, LocalDate start, String currency, int n) {
    var s = LEADERBOARD_SCORES;
    Field<Integer> rank = DSL.rank().over(DSL.orderBy(s.VALUE.desc()));
    return ctx.select(rank, s.USER_ID, s.VALUE)
        .from(s)
        .where(
            s.BOARD.eq(board.id()),
            s.PERIOD.eq(period.id()),
            s.PERIOD_START.eq(start),
            s.CURRENCY.eq(currency))
        .orderBy(s.VALUE.desc(), s.USER_ID)
        .limit(n)
        .fetch(r -> new Standing(r.value1(), r.value2(), r.value3()));
  }

  Optional<Standing> rankOf(
      DSLContext ctx, UUID userId, Board board, Period period, LocalDate start, String currency) {
    var s = LEADERBOARD_SCORES;
    var mine =
        ctx.select(s.VALUE)
            .from(s)
            .where(
                s.BOARD.eq(board.id()),
                s.PERIOD.eq(period.id()),
                s.PERIOD_START.eq(start),
                s.CURRENCY.eq(currency),
                s.USER_ID.eq(userId))
            .fetchOptional(s.VALUE);
    if (mine.isEmpty()) {
      return Optional.empty();
    }
    int better =
        ctx.fetchCount(
            s,
            s.BOARD.eq(board.id()),
            s.PERIOD.eq(period.id()),
            s.PERIOD_START.eq(start),
            s.CURRENCY.eq(currency),
            s.VALUE.gt(mine.get()));
    return Optional.of(new Standing(better + 1, userId, mine.get()));
  }
}
