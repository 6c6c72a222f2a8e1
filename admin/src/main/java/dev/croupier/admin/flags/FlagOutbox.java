package dev.croupier.admin.flags;

import static dev.croupier.db.jooq.admin.Tables.FLAG_OUTBOX;

import dev.croupier.db.jooq.admin.tables.records.FlagOutboxRecord;
import dev.croupier.outbox.Backlog;
import dev.croupier.outbox.OutboxRecord;
import dev.croupier.outbox.OutboxStore;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * {@code admin.flag_outbox} as the shared relay reads it: each row a flag record for {@code
 * admin.flags}, keyed by the flag's key, so one flag's changes stay in order on one partition.
 */
final class FlagOutbox implements OutboxStore {
  /** Arbitrary, fixed: the flag relay's leadership lock ("flags"). */
  private static final long RELAY_LOCK = 0x666c616773L;

  private final String topic;

  FlagOutbox(String topic) {
    this.topic = topic;
  }

  @Override
  public long leadershipLock() {
    return RELAY_LOCK;
  }

  @Override
  public List<OutboxRecord> next(Connection connection, int limit) {
    List<OutboxRecord> records = new ArrayList<>();
    for (FlagOutboxRecord r :
        DSL.using(connection, SQLDialect.POSTGRES)
            .selectFrom(FLAG_OUTBOX)
            .orderBy(FLAG_OUTBOX.ID)
            .limit(limit)
            .fetch()) {
      records.add(
          new OutboxRecord(
              r.getId(),
              topic,
              r.getFlagKey(),
              r.getPayload().getBytes(StandardCharsets.UTF_8),
              Map.of("type", "flag")));
    }
    return records;
  }

  @Override
  public Backlog backlog(Connection connection) {
    var dsl = DSL.using(connection, SQLDialect.POSTGRES);
    var row = dsl.select(DSL.count(), DSL.min(FLAG_OUTBOX.CREATED_AT)).from(FLAG_OUTBOX).fetchOne();
    if (row == null || row.value1() == 0) {
      return Backlog.EMPTY;
    }
    return new Backlog(row.value1(), row.value2().toInstant());
  }

  @Override
  public void delete(Connection connection, List<Long> ids) {
    DSL.using(connection, SQLDialect.POSTGRES)
        .deleteFrom(FLAG_OUTBOX)
        .where(FLAG_OUTBOX.ID.in(ids))
        .execute();
  }
}
