package dev.croupier.admin.staff.internal;

import static dev.croupier.db.jooq.admin.Tables.SIGN_IN_FAILURES;
import static dev.croupier.db.jooq.admin.Tables.STAFF;
import static dev.croupier.db.jooq.admin.Tables.STAFF_RECOVERY_CODES;

import dev.croupier.db.jooq.admin.tables.records.SignInFailuresRecord;
import dev.croupier.db.jooq.admin.tables.records.StaffRecord;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;

/** Queries over {@code admin.staff}, its recovery codes and the sign-in failures. */
public final class StaffRepository {

  public Optional<StaffRecord> byId(DSLContext tx, UUID staffId) {
    return tx.selectFrom(STAFF).where(STAFF.STAFF_ID.eq(staffId)).fetchOptional();
  }

  /** The row, locked for the rest of the transaction. */
  public Optional<StaffRecord> byIdForUpdate(DSLContext tx, UUID staffId) {
    return tx.selectFrom(STAFF).where(STAFF.STAFF_ID.eq(staffId)).forUpdate().fetchOptional();
  }

  public Optional<StaffRecord> byEmail(DSLContext tx, String email) {
    return tx.selectFrom(STAFF).where(STAFF.EMAIL.eq(email)).fetchOptional();
  }

  public Optional<StaffRecord> byEnrolmentToken(DSLContext tx, byte[] tokenHash) {
    return tx.selectFrom(STAFF)
        .where(STAFF.ENROLMENT_TOKEN_HASH.eq(tokenHash))
        .forUpdate()
        .fetchOptional();
  }

  public List<StaffRecord> all(DSLContext tx) {
    return tx.selectFrom(STAFF).orderBy(STAFF.CREATED_AT, STAFF.EMAIL).fetch();
  }

  public boolean any(DSLContext tx) {
    return tx.fetchExists(STAFF);
  }

  public void insert(DSLContext tx, StaffRecord row) {
    tx.insertInto(STAFF).set(row).execute();
  }

  public void update(DSLContext tx, StaffRecord row) {
    row.setUpdatedAt(OffsetDateTime.now(ZoneOffset.UTC));
    tx.executeUpdate(row);
  }

  public void replaceRecoveryCodes(DSLContext tx, UUID staffId, List<byte[]> hashes) {
    tx.deleteFrom(STAFF_RECOVERY_CODES).where(STAFF_RECOVERY_CODES.STAFF_ID.eq(staffId)).execute();
    for (byte[] h : hashes) {
      tx.insertInto(STAFF_RECOVERY_CODES)
          .set(STAFF_RECOVERY_CODES.STAFF_ID, staffId)
          .set(STAFF_RECOVERY_CODES.CODE_HASH, h)
          .execute();
    }
  }

  /** Marks an unused code used; false when there is no such unused code. */
  public boolean useRecoveryCode(DSLContext tx, UUID staffId, byte[] hash, Instant now) {
    return tx.update(STAFF_RECOVERY_CODES)
            .set(STAFF_RECOVERY_CODES.USED_AT, now.atOffset(ZoneOffset.UTC))
            .where(STAFF_RECOVERY_CODES.STAFF_ID.eq(staffId))
            .and(STAFF_RECOVERY_CODES.CODE_HASH.eq(hash))
            .and(STAFF_RECOVERY_CODES.USED_AT.isNull())
            .execute()
        == 1;
  }

  public int unusedRecoveryCodes(DSLContext tx, UUID staffId) {
    return tx.fetchCount(
        STAFF_RECOVERY_CODES,
        STAFF_RECOVERY_CODES.STAFF_ID.eq(staffId).and(STAFF_RECOVERY_CODES.USED_AT.isNull()));
  }

  /** The failures of one source, locked for the rest of the transaction. */
  public Optional<SignInFailuresRecord> failures(DSLContext tx, String source) {
    return tx.selectFrom(SIGN_IN_FAILURES)
        .where(SIGN_IN_FAILURES.SOURCE.eq(source))
        .forUpdate()
        .fetchOptional();
  }

  public void saveFailures(
      DSLContext tx, String source, int failures, Instant firstAt, Instant lockedUntil) {
    tx.insertInto(SIGN_IN_FAILURES)
        .set(SIGN_IN_FAILURES.SOURCE, source)
        .set(SIGN_IN_FAILURES.FAILURES, failures)
        .set(SIGN_IN_FAILURES.FIRST_AT, firstAt.atOffset(ZoneOffset.UTC))
        .set(
            SIGN_IN_FAILURES.LOCKED_UNTIL,
            lockedUntil == null ? null : lockedUntil.atOffset(ZoneOffset.UTC))
        .onConflict(SIGN_IN_FAILURES.SOURCE)
        .doUpdate()
        .set(SIGN_IN_FAILURES.FAILURES, failures)
        .set(SIGN_IN_FAILURES.FIRST_AT, firstAt.atOffset(ZoneOffset.UTC))
        .set(
            SIGN_IN_FAILURES.LOCKED_UNTIL,
            lockedUntil == null ? null : lockedUntil.atOffset(ZoneOffset.UTC))
        .execute();
  }

  public void clearFailures(DSLContext tx, String source) {
    tx.deleteFrom(SIGN_IN_FAILURES).where(SIGN_IN_FAILURES.SOURCE.eq(source)).execute();
  }
}
