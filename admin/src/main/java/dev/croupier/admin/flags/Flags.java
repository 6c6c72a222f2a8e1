package dev.croupier.admin.flags;

import static dev.croupier.db.jooq.admin.Tables.FEATURE_FLAGS;
import static dev.croupier.db.jooq.admin.Tables.FLAG_OUTBOX;

import dev.croupier.admin.audit.Actor;
import dev.croupier.admin.audit.AuditJson;
import dev.croupier.admin.audit.AuditLog;
import dev.croupier.admin.audit.Outcome;
import dev.croupier.db.jooq.admin.tables.records.FeatureFlagsRecord;
import dev.croupier.errors.CroupierException;
import dev.croupier.errors.ErrorCode;
import dev.croupier.flags.FlagState;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.jooq.DSLContext;

/**
 * The feature flags' store, in schema {@code admin}. A toggle changes the flag, writes its new
 * record to the flag outbox and appends the audit row, all in one transaction; the relay then
 * publishes the record to {@code admin.flags}, where every gateway and worker node reads it.
 */
public final class Flags {

  /**
   * A flag as the page shows it.
   *
   * @param version what a toggle must name, so two staff cannot overwrite each other unseen
   */
  public record Flag(
      String key,
      String description,
      String owner,
      boolean enabled,
      long version,
      Instant updatedAt,
      UUID updatedBy) {}

  private final DSLContext dsl;
  private final AuditLog audit;
  private final Clock clock;

  public Flags(DSLContext dsl, AuditLog audit, Clock clock) {
    this.dsl = dsl;
    this.audit = audit;
    this.clock = clock;
  }

  public List<Flag> list() {
    return dsl.selectFrom(FEATURE_FLAGS).orderBy(FEATURE_FLAGS.FLAG_KEY).fetch(Flags::flag);
  }

  /**
   * Turns a flag on or off.
   *
   * @param expectedVersion the version the staff member saw
   * @throws CroupierException {@code UNKNOWN_FLAG}, {@code STALE_VERSION} when someone changed it
   *     since, {@code VALIDATION_FAILED} without a reason
   */
  public Flag toggle(
      Actor actor, String key, boolean enabled, long expectedVersion, String reason) {
    String why = AuditJson.reason(reason);
    return dsl.transactionResult(
        c -> {
          DSLContext tx = c.dsl();
          FeatureFlagsRecord row =
              tx.selectFrom(FEATURE_FLAGS)
                  .where(FEATURE_FLAGS.FLAG_KEY.eq(key))
                  .forUpdate()
                  .fetchOptional()
                  .orElseThrow(
                      () -> new CroupierException(ErrorCode.UNKNOWN_FLAG, "no flag " + key));
          if (row.getVersion() != expectedVersion) {
            throw new CroupierException(
                ErrorCode.STALE_VERSION,
                "the flag is at version " + row.getVersion() + " now; reload and try again");
          }
          boolean before = row.getEnabled();
          Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
          row.setEnabled(enabled)
              .setVersion(row.getVersion() + 1)
              .setUpdatedAt(now.atOffset(ZoneOffset.UTC))
              .setUpdatedBy(actor.staff().staffId());
          tx.executeUpdate(row);
          enqueue(tx, row);
          audit.append(
              tx,
              actor,
              new AuditLog.Event(
                  "flag.toggle",
                  "flag:" + key,
                  why,
                  AuditJson.of("enabled", before, "version", expectedVersion),
                  AuditJson.of("enabled", enabled, "version", row.getVersion()),
                  Outcome.OK));
          return flag(row);
        });
  }

  /**
   * Writes every flag's current record to the outbox again, so a flags topic that lost its records
   * (a new cluster, a wiped dev broker) is whole again. Readers keep the highest version they have
   * seen, so records they have already read change nothing.
   */
  public int republishAll() {
    return dsl.transactionResult(
        c -> {
          List<FeatureFlagsRecord> rows = c.dsl().selectFrom(FEATURE_FLAGS).fetch();
          rows.forEach(r -> enqueue(c.dsl(), r));
          return rows.size();
        });
  }

  private static void enqueue(DSLContext tx, FeatureFlagsRecord row) {
    FlagState state =
        new FlagState(
            row.getFlagKey(), row.getEnabled(), row.getVersion(), row.getUpdatedAt().toInstant());
    tx.insertInto(FLAG_OUTBOX)
        .set(FLAG_OUTBOX.FLAG_KEY, row.getFlagKey())
        .set(FLAG_OUTBOX.PAYLOAD, state.toJson())
        .execute();
  }

  private static Flag flag(FeatureFlagsRecord r) {
    return new Flag(
        r.getFlagKey(),
        r.getDescription(),
        r.getOwner(),
        r.getEnabled(),
        r.getVersion(),
        r.getUpdatedAt().toInstant(),
        r.getUpdatedBy());
  }
}
