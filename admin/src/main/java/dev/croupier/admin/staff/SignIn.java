package dev.croupier.admin.staff;

import dev.croupier.admin.AdminProperties;
import dev.croupier.admin.audit.Actor;
import dev.croupier.admin.audit.AuditJson;
import dev.croupier.admin.audit.AuditLog;
import dev.croupier.admin.audit.Outcome;
import dev.croupier.admin.staff.internal.RecoveryCodes;
import dev.croupier.admin.staff.internal.SecretBox;
import dev.croupier.admin.staff.internal.StaffRepository;
import dev.croupier.admin.staff.internal.Totp;
import dev.croupier.db.jooq.admin.tables.records.SignInFailuresRecord;
import dev.croupier.db.jooq.admin.tables.records.StaffRecord;
import dev.croupier.errors.CroupierException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import org.jooq.DSLContext;

/**
 * Staff sign-in: email, password and a one-time code (the authenticator's TOTP code, or one of the
 * recovery codes) in one step, all or nothing, so a refusal never tells which of the three was
 * wrong, nor whether the email is staff (an unknown email costs the same Argon2id time).
 *
 * <p>Failures are counted per source (the client's address), never per account: {@code maxFailures}
 * within {@code window} lock that source for {@code lockout}, and nobody can lock a staff member
 * out from somewhere else. Each attempt and each lockout is audited; attempts from a source while
 * it is locked are refused without a row each, so a flood cannot fill the log.
 */
public final class SignIn {

  /** How an attempt ended. */
  public sealed interface Result {
    /**
     * Signed in.
     *
     * @param recoveryCodesLeft after this sign-in, when it used a recovery code; -1 otherwise
     */
    record Success(StaffMember member, int recoveryCodesLeft) implements Result {}

    /** Wrong email, password or code, or the account is not active. */
    record Refused() implements Result {}

    /** The source is locked until {@code until}. */
    record Locked(Instant until) implements Result {}
  }

  private final DSLContext dsl;
  private final AuditLog audit;
  private final StaffPasswords passwords;
  private final SecretBox secrets;
  private final AdminProperties.SignIn settings;
  private final Clock clock;
  private final StaffRepository repository = new StaffRepository();

  public SignIn(
      DSLContext dsl,
      AuditLog audit,
      StaffPasswords passwords,
      SecretBox secrets,
      AdminProperties.SignIn settings,
      Clock clock) {
    this.dsl = dsl;
    this.audit = audit;
    this.passwords = passwords;
    this.secrets = secrets;
    this.settings = settings;
    this.clock = clock;
  }

  /** One attempt from {@code actor.ip()}. */
  public Result attempt(String email, char[] password, String code, Actor actor) {
    String source = actor.ip() == null ? "unknown" : actor.ip();
    return dsl.transactionResult(
        c -> {
          DSLContext tx = c.dsl();
          Instant now = clock.instant();
          Optional<SignInFailuresRecord> failures = repository.failures(tx, source);
          if (failures.isPresent()
              && failures.get().getLockedUntil() != null
              && failures.get().getLockedUntil().toInstant().isAfter(now)) {
            return new Result.Locked(failures.get().getLockedUntil().toInstant());
          }
          Optional<StaffRecord> row = active(tx, email);
          if (row.isEmpty()) {
            passwords.burn(password);
            return fail(tx, source, failures, now, actor, "email:" + cut(email), null);
          }
          StaffRecord staff = row.get();
          StaffMember member = Staff.member(staff);
          if (!passwords.matches(password, staff.getPasswordHash())) {
            return fail(tx, source, failures, now, actor, "staff:" + staff.getStaffId(), member);
          }
          int left = -1;
          String factor = code == null ? "" : code.strip();
          if (factor.matches("\\d{6}")) {
            byte[] secret =
                secrets.open(staff.getTotpSecretSealed(), staff.getStaffId().toString());
            long last = staff.getTotpLastStep() == null ? -1 : staff.getTotpLastStep();
            OptionalLong step = Totp.verify(secret, factor, now, last);
            if (step.isEmpty()) {
              return fail(tx, source, failures, now, actor, "staff:" + staff.getStaffId(), member);
            }
            staff.setTotpLastStep(step.getAsLong());
            repository.update(tx, staff);
          } else if (RecoveryCodes.looksLikeOne(factor)
              && repository.useRecoveryCode(
                  tx, staff.getStaffId(), RecoveryCodes.hash(factor), now)) {
            left = repository.unusedRecoveryCodes(tx, staff.getStaffId());
          } else {
            return fail(tx, source, failures, now, actor, "staff:" + staff.getStaffId(), member);
          }
          repository.clearFailures(tx, source);
          audit.append(
              tx,
              new Actor(member, actor.requestId(), actor.ip(), actor.userAgent()),
              new AuditLog.Event(
                  "staff.sign-in",
                  "staff:" + member.staffId(),
                  null,
                  null,
                  left >= 0
                      ? AuditJson.of("factor", "recovery-code", "recoveryCodesLeft", left)
                      : AuditJson.of("factor", "totp"),
                  Outcome.OK));
          return new Result.Success(member, left);
        });
  }

  private Optional<StaffRecord> active(DSLContext tx, String email) {
    String normalised;
    try {
      normalised = Staff.validEmail(email);
    } catch (CroupierException e) {
      return Optional.empty();
    }
    return repository.byEmail(tx, normalised).filter(r -> "ACTIVE".equals(r.getStatus()));
  }

  private Result fail(
      DSLContext tx,
      String source,
      Optional<SignInFailuresRecord> failures,
      Instant now,
      Actor actor,
      String target,
      StaffMember member) {
    boolean fresh =
        failures.isEmpty()
            || failures.get().getFirstAt().toInstant().plus(settings.window()).isBefore(now);
    int count = fresh ? 1 : failures.get().getFailures() + 1;
    Instant firstAt = fresh ? now : failures.get().getFirstAt().toInstant();
    Instant lockedUntil = count >= settings.maxFailures() ? now.plus(settings.lockout()) : null;
    repository.saveFailures(tx, source, count, firstAt, lockedUntil);
    // The attempt is recorded against the source, and against the account when the email is
    // staff's, but it is never the account that gets locked.
    audit.append(
        tx,
        new Actor(null, actor.requestId(), actor.ip(), actor.userAgent()),
        new AuditLog.Event(
            "staff.sign-in",
            target,
            null,
            null,
            AuditJson.of(
                "failuresFromSource",
                count,
                "sourceLockedUntil",
                lockedUntil == null ? null : lockedUntil.toString(),
                "knownStaff",
                member != null),
            Outcome.FAILED));
    return lockedUntil == null ? new Result.Refused() : new Result.Locked(lockedUntil);
  }

  private static String cut(String email) {
    String e = email == null ? "" : email.strip();
    return e.length() <= 64 ? e : e.substring(0, 64);
  }
}
