package dev.croupier.admin;

import dev.croupier.admin.audit.Actor;
import dev.croupier.admin.staff.Role;
import dev.croupier.admin.staff.Staff;
import dev.croupier.admin.staff.StaffMember;
import dev.croupier.admin.staff.internal.Totp;
import dev.croupier.devstack.Ports;
import dev.croupier.testsupport.PostgresDatabase;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jooq.DSLContext;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The admin app in this JVM over a test database, on a free loopback port, with a secret key made
 * for the test and a cheap Argon2 cost; and staff members made through the real bootstrap and
 * enrolment, whose TOTP secrets the test knows.
 */
public final class TestAdmin implements AutoCloseable {
  public static final String PASSWORD = "correct horse battery staple";

  /**
   * A staff member and their second factor.
   *
   * @param totpSecret the raw TOTP secret their authenticator would hold
   * @param recoveryCodes their recovery codes
   */
  public record Member(StaffMember member, byte[] totpSecret, List<String> recoveryCodes) {
    public String email() {
      return member.email();
    }

    /** The code their authenticator shows at {@code at}. */
    public String code(Instant at) {
      return Totp.code(totpSecret, Totp.step(at));
    }

    /** A code of another time step than {@code used}: one step later. */
    public String nextCode(Instant at) {
      return Totp.code(totpSecret, Totp.step(at) + 1);
    }
  }

  public final ConfigurableApplicationContext context;
  public final int port;

  private TestAdmin(ConfigurableApplicationContext context, int port) {
    this.context = context;
    this.port = port;
  }

  /** Starts the app over {@code db}, with {@code extra} properties on top of the test defaults. */
  public static TestAdmin start(PostgresDatabase db, Map<String, Object> extra) {
    int port = Ports.freePort();
    Map<String, Object> p = new LinkedHashMap<>();
    // As the admin app connects: its context's role, with rights on schema admin only.
    PostgresDatabase asAdmin = db.as("croupier_admin");
    p.put("spring.datasource.url", asAdmin.url());
    p.put("spring.datasource.username", asAdmin.user());
    p.put("spring.datasource.password", asAdmin.password());
    p.put("server.port", port);
    p.put("management.server.port", 0);
    p.put("croupier.admin.secret-keys", randomKey());
    p.put("croupier.admin.base-url", "http://127.0.0.1:" + port);
    p.put("croupier.admin.argon2.memory-kib", 8192);
    p.putAll(extra);
    List<String> args = new ArrayList<>();
    p.forEach((k, v) -> args.add("--" + k + "=" + v));
    ConfigurableApplicationContext context =
        new SpringApplicationBuilder(AdminApplication.class).run(args.toArray(String[]::new));
    return new TestAdmin(context, port);
  }

  public String base() {
    return "http://127.0.0.1:" + port;
  }

  public DSLContext dsl() {
    return context.getBean(DSLContext.class);
  }

  public <T> T bean(Class<T> type) {
    return context.getBean(type);
  }

  /** The first ADMIN, through the one-time bootstrap. */
  public Member bootstrapAdmin(String email) {
    Staff.Enrolment e =
        bean(Staff.class).bootstrap(email, "First Admin", PASSWORD.toCharArray(), system());
    return new Member(e.member(), base32(e.totpSecret()), e.recoveryCodes());
  }

  /** A staff member of {@code role}, invited by {@code by} and enrolled through their link. */
  public Member enrolled(Member by, String email, String name, Role role) {
    Staff staff = bean(Staff.class);
    Staff.Invitation invitation =
        staff.invite(
            new Actor(by.member(), "test-" + UUID.randomUUID(), "127.0.0.1", "test"),
            email,
            name,
            role);
    String token =
        invitation.enrolmentLink().substring(invitation.enrolmentLink().lastIndexOf('/') + 1);
    byte[] secret = staff.newTotpSecret();
    Staff.Enrolment e =
        staff.enrol(
            token,
            PASSWORD.toCharArray(),
            secret,
            Totp.code(secret, Totp.step(Instant.now())),
            system());
    return new Member(e.member(), secret, e.recoveryCodes());
  }

  static Actor system() {
    return new Actor(null, "test-" + UUID.randomUUID(), "127.0.0.1", "test");
  }

  /** A fresh 32-byte key, base64. */
  public static String randomKey() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return Base64.getEncoder().encodeToString(key);
  }

  /** RFC 4648 base32 without padding, as the enrolment shows secrets. */
  public static byte[] base32(String text) {
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    byte[] out = new byte[text.length() * 5 / 8];
    int buffer = 0;
    int bits = 0;
    int i = 0;
    for (char c : text.toCharArray()) {
      buffer = (buffer << 5) | alphabet.indexOf(c);
      bits += 5;
      if (bits >= 8) {
        out[i++] = (byte) (buffer >> (bits - 8));
        bits -= 8;
      }
    }
    return out;
  }

  @Override
  public void close() {
    context.close();
  }
}
