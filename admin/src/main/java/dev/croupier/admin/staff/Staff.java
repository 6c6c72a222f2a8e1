package dev.croupier.admin.staff;

import dev.croupier.admin.AdminProperties;
import dev.croupier.admin.audit.Actor;
import dev.croupier.admin.audit.AuditJson;
import dev.croupier.admin.audit.AuditLog;
import dev.croupier.admin.audit.Outcome;
import dev.croupier.admin.staff.internal.QrCodes;
import dev.croupier.admin.staff.internal.RecoveryCodes;
import dev.croupier.admin.staff.internal.SecretBox;
import dev.croupier.admin.staff.internal.StaffRepository;
import dev.croupier.admin.staff.internal.Totp;
import dev.croupier.db.jooq.admin.tables.records.StaffRecord;
import dev.croupier.errors.CroupierException;
import dev.croupier.errors.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jooq.DSLContext;

/**
 * Staff accounts: the one-time bootstrap of the first ADMIN, invitations with a one-time enrolment
 * link (password and TOTP second factor set by the invitee), listing and disabling. Every change is
 * audited in the same transaction.
 */
public final class Staff {
  private static final Pattern EMAIL =
      Pattern.compile("[^@\\s]{1,64}@[^@\\s]{1,189}\\.[^@\\s]{1,63}");
  private static final SecureRandom RANDOM = new SecureRandom();

  /**
   * A new invitation.
   *
   * @param member who was invited
   * @param enrolmentLink the one-time link they enrol with: shown once, never stored
   * @param expiresAt when the link stops working
   */
  public record Invitation(StaffMember member, String enrolmentLink, Instant expiresAt) {}

  /**
   * A second factor set up: what to show the staff member once.
   *
   * @param member who
   * @param totpUri the {@code otpauth://} URI for their authenticator app
   * @param totpSecret the same secret in base32, for typing in
   * @param recoveryCodes their ten one-time recovery codes
   */
  public record Enrolment(
      StaffMember member, String totpUri, String totpSecret, List<String> recoveryCodes) {
    /** The TOTP URI as a QR code drawn with block characters, for a terminal. */
    public String totpQrForTerminal() {
      return QrCodes.terminal(totpUri);
    }
  }

  /**
   * A row of the staff page.
   *
   * @param status {@code INVITED}, {@code ACTIVE} or {@code DISABLED}
   */
  public record Summary(
      UUID staffId,
      String email,
      String displayName,
      Role role,
      String status,
      Instant createdAt) {}

  private final DSLContext dsl;
  private final AuditLog audit;
  private final StaffPasswords passwords;
  private final SecretBox secrets;
  private final AdminProperties properties;
  private final Clock clock;
  private final StaffRepository repository = new StaffRepository();

  public Staff(
      DSLContext dsl,
      AuditLog audit,
      StaffPasswords passwords,
      SecretBox secrets,
      AdminProperties properties,
      Clock clock) {
    this.dsl = dsl;
    this.audit = audit;
    this.passwords = passwords;
    this.secrets = secrets;
    this.properties = properties;
    this.clock = clock;
  }

  /**
   * Creates the first ADMIN, active at once, with a password and a fresh TOTP secret. Runs once:
   * refused when any staff member exists.
   *
   * @throws CroupierException {@code ALREADY_BOOTSTRAPPED}, or {@code VALIDATION_FAILED}
   */
  public Enrolment bootstrap(String email, String displayName, char[] password, Actor actor) {
    String normalised = validEmail(email);
    String name = validName(displayName);
    StaffPasswords.requireStrong(password);
    return dsl.transactionResult(
        c -> {
          DSLContext tx = c.dsl();
          // Serialises concurrent bootstraps: only the first finds no staff.
          tx.execute("lock table admin.staff in share row exclusive mode");
          if (repository.any(tx)) {
            throw new CroupierException(
                ErrorCode.ALREADY_BOOTSTRAPPED, "staff exist already; invite from the staff page");
          }
          UUID id = UUID.randomUUID();
          StaffRecord row = newRow(id, normalised, name, Role.ADMIN, null);
          repository.insert(tx, row);
          Enrolment enrolment = activate(tx, row, password, Totp.newSecret());
          audit.append(
              tx,
              actor,
              new AuditLog.Event(
                  "staff.bootstrap",
                  "staff:" + id,
                  "first ADMIN",
                  null,
                  AuditJson.of("email", normalised, "role", "ADMIN"),
                  Outcome.OK));
          return enrolment;
        });
  }

  /**
   * Invites a staff member: their account waits, {@code INVITED}, until they open the one-time
   * enrolment link, set a password and confirm a TOTP code.
   *
   * @throws CroupierException {@code EMAIL_TAKEN} or {@code VALIDATION_FAILED}
   */
  public Invitation invite(Actor actor, String email, String displayName, Role role) {
    String normalised = validEmail(email);
    String name = validName(displayName);
    if (role == null) {
      throw new CroupierException(ErrorCode.VALIDATION_FAILED, "role: choose one");
    }
    String token = token();
    Instant expires = clock.instant().plus(properties.enrolmentTtl());
    UUID id = UUID.randomUUID();
    return dsl.transactionResult(
        c -> {
          DSLContext tx = c.dsl();
          if (repository.byEmail(tx, normalised).isPresent()) {
            throw new CroupierException(ErrorCode.EMAIL_TAKEN, "a staff member has this email");
          }
          StaffRecord row = newRow(id, normalised, name, role, actor.staff().staffId());
          row.setEnrolmentTokenHash(sha256(token));
          row.setEnrolmentExpiresAt(expires.atOffset(ZoneOffset.UTC));
          repository.insert(tx, row);
          audit.append(
              tx,
              actor,
              new AuditLog.Event(
                  "staff.invite",
                  "staff:" + id,
                  null,
                  null,
                  AuditJson.of("email", normalised, "role", role.name()),
                  Outcome.OK));
          return new Invitation(
              new StaffMember(id, normalised, name, role),
              properties.baseUrl() + "/enrol/" + token,
              expires);
        });
  }

  /** Who an enrolment link is for, while it works. */
  public Optional<StaffMember> invited(String token) {
    if (token == null || !token.matches("[A-Za-z0-9_-]{43}")) {
      return Optional.empty();
    }
    return dsl.transactionResult(
        c ->
            repository
                .byEnrolmentToken(c.dsl(), sha256(token))
                .filter(this::enrolmentOpen)
                .map(Staff::member));
  }

  /** A fresh TOTP secret for an enrolment page to show. */
  public byte[] newTotpSecret() {
    return Totp.newSecret();
  }

  /** The enrolment URI of {@code secret} for {@code member}. */
  public String totpUri(StaffMember member, byte[] secret) {
    return Totp.uri(properties.issuer(), member.email(), secret);
  }

  /**
   * Completes an enrolment: the password is set and the second factor confirmed by a code from the
   * authenticator app that scanned {@code totpSecret}. The link stops working.
   *
   * @throws CroupierException {@code ENROLMENT_INVALID} for a dead link, {@code BAD_CREDENTIALS}
   *     for a wrong code, {@code VALIDATION_FAILED} for a weak password
   */
  public Enrolment enrol(
      String token, char[] password, byte[] totpSecret, String code, Actor actor) {
    StaffPasswords.requireStrong(password);
    return dsl.transactionResult(
        c -> {
          DSLContext tx = c.dsl();
          StaffRecord row =
              repository
                  .byEnrolmentToken(tx, sha256(token))
                  .filter(this::enrolmentOpen)
                  .orElseThrow(
                      () ->
                          new CroupierException(
                              ErrorCode.ENROLMENT_INVALID, "this enrolment link does not work"));
          if (Totp.verify(totpSecret, code, clock.instant(), -1).isEmpty()) {
            throw new CroupierException(
                ErrorCode.BAD_CREDENTIALS, "that code is not the authenticator's current code");
          }
          Enrolment enrolment = activate(tx, row, password, totpSecret);
          audit.append(
              tx,
              new Actor(enrolment.member(), actor.requestId(), actor.ip(), actor.userAgent()),
              new AuditLog.Event(
                  "staff.enrol", "staff:" + row.getStaffId(), null, null, null, Outcome.OK));
          return enrolment;
        });
  }

  /** Every staff member, for the staff page. */
  public List<Summary> list() {
    return dsl.transactionResult(
        c ->
            repository.all(c.dsl()).stream()
                .map(
                    r ->
                        new Summary(
                            r.getStaffId(),
                            r.getEmail(),
                            r.getDisplayName(),
                            Role.valueOf(r.getRole()),
                            r.getStatus(),
                            r.getCreatedAt().toInstant()))
                .toList());
  }

  /**
   * An active staff member by id (a disabled one is gone from every session at its next request).
   */
  public Optional<StaffMember> active(UUID staffId) {
    return dsl.transactionResult(
        c ->
            repository
                .byId(c.dsl(), staffId)
                .filter(r -> "ACTIVE".equals(r.getStatus()))
                .map(Staff::member));
  }

  /**
   * Disables a staff member: they cannot sign in, and their open sessions end at their next
   * request. Nobody disables themselves, so the back office never loses its last ADMIN by accident.
   *
   * @throws CroupierException {@code UNKNOWN_STAFF}, or {@code FORBIDDEN} for oneself
   */
  public void disable(Actor actor, UUID staffId, String reason) {
    if (actor.staff().staffId().equals(staffId)) {
      throw new CroupierException(ErrorCode.FORBIDDEN, "nobody disables themselves");
    }
    String why = AuditJson.reason(reason);
    dsl.transaction(
        c -> {
          DSLContext tx = c.dsl();
          StaffRecord row =
              repository
                  .byIdForUpdate(tx, staffId)
                  .orElseThrow(
                      () -> new CroupierException(ErrorCode.UNKNOWN_STAFF, "no such staff"));
          String before = row.getStatus();
          row.setStatus("DISABLED");
          row.setEnrolmentTokenHash(null);
          repository.update(tx, row);
          audit.append(
              tx,
              actor,
              new AuditLog.Event(
                  "staff.disable",
                  "staff:" + staffId,
                  why,
                  AuditJson.of("status", before),
                  AuditJson.of("status", "DISABLED"),
                  Outcome.OK));
        });
  }

  private Enrolment activate(DSLContext tx, StaffRecord row, char[] password, byte[] secret) {
    row.setPasswordHash(passwords.hash(password));
    row.setTotpSecretSealed(secrets.seal(secret, row.getStaffId().toString()));
    row.setTotpLastStep(null);
    row.setStatus("ACTIVE");
    row.setEnrolmentTokenHash(null);
    row.setEnrolmentExpiresAt(null);
    repository.update(tx, row);
    List<String> codes = RecoveryCodes.generate();
    repository.replaceRecoveryCodes(
        tx, row.getStaffId(), codes.stream().map(RecoveryCodes::hash).toList());
    StaffMember member = member(row);
    return new Enrolment(member, totpUri(member, secret), Totp.base32(secret), codes);
  }

  private boolean enrolmentOpen(StaffRecord r) {
    return "INVITED".equals(r.getStatus())
        && r.getEnrolmentExpiresAt() != null
        && r.getEnrolmentExpiresAt().toInstant().isAfter(clock.instant());
  }

  private StaffRecord newRow(UUID id, String email, String name, Role role, UUID createdBy) {
    return new StaffRecord()
        .setStaffId(id)
        .setEmail(email)
        .setDisplayName(name)
        .setRole(role.name())
        .setStatus("INVITED")
        .setCreatedBy(createdBy);
  }

  static StaffMember member(StaffRecord r) {
    return new StaffMember(
        r.getStaffId(), r.getEmail(), r.getDisplayName(), Role.valueOf(r.getRole()));
  }

  /** Trimmed and lower case, or {@code VALIDATION_FAILED}. */
  static String validEmail(String email) {
    String e = email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
    if (e.length() > 254 || !EMAIL.matcher(e).matches()) {
      throw new CroupierException(ErrorCode.VALIDATION_FAILED, "email: not an email address");
    }
    return e;
  }

  private static String validName(String name) {
    String n = name == null ? "" : name.strip();
    if (n.length() < 2 || n.length() > 64 || n.chars().anyMatch(Character::isISOControl)) {
      throw new CroupierException(
          ErrorCode.VALIDATION_FAILED, "displayName: 2 to 64 characters, no control characters");
    }
    return n;
  }

  private static String token() {
    byte[] raw = new byte[32];
    RANDOM.nextBytes(raw);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
  }

  static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
