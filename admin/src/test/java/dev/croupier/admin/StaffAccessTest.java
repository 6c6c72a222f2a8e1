package dev.croupier.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.croupier.admin.staff.Role;
import dev.croupier.admin.web.Public;
import dev.croupier.admin.web.Requires;
import dev.croupier.testsupport.PostgresDatabase;
import dev.croupier.testsupport.PostgresExtension;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Staff sign-in, sessions, roles, CSRF and output encoding, over HTTP against the real app and
 * database: what a browser (or an attacker with one) would see.
 */
@ExtendWith(PostgresExtension.class)
class StaffAccessTest {
  private static TestAdmin admin;
  private static TestAdmin.Member root;
  private static TestAdmin.Member ops;
  private static TestAdmin.Member compliance;

  @BeforeAll
  static void start(PostgresDatabase db) {
    admin = TestAdmin.start(db, Map.of());
    root = admin.bootstrapAdmin("root@example.com");
    ops = admin.enrolled(root, "otto@example.com", "Otto Ops", Role.OPS);
    compliance = admin.enrolled(root, "cora@example.com", "Cora Compliance", Role.COMPLIANCE);
  }

  @AfterAll
  static void stop() {
    admin.close();
  }

  @Test
  void staffSignInWithPasswordAndCodeIntoAFreshHardenedSession() {
    TestAdmin.Member otto = admin.enrolled(root, "otto2@example.com", "Otto Ops", Role.OPS);
    StaffSession s = new StaffSession(admin.base(), "127.0.0.11");
    HttpResponse<String> form = s.get("/sign-in");
    String before = s.cookie("CROUPIER_ADMIN");
    assertThat(before).as("the sign-in form's session, for its CSRF token").isNotNull();

    HttpResponse<String> signedIn =
        s.post(
            "/sign-in",
            Map.of(
                "email",
                otto.email(),
                "password",
                TestAdmin.PASSWORD,
                "code",
                otto.code(Instant.now())));
    assertThat(signedIn.statusCode()).isEqualTo(302);
    assertThat(signedIn.headers().firstValue("Location").orElseThrow())
        .endsWith(":" + admin.port + "/");
    assertThat(s.cookie("CROUPIER_ADMIN")).as("a new session id: no fixation").isNotEqualTo(before);
    String setCookie = String.join("\n", form.headers().allValues("Set-Cookie"));
    assertThat(setCookie).contains("HttpOnly").contains("SameSite=Strict").contains("Secure");

    HttpResponse<String> dashboard = s.get("/dashboard");
    assertThat(dashboard.statusCode()).isEqualTo(200);
    assertThat(dashboard.body()).contains("Otto Ops").contains("Dashboard");
    assertThat(dashboard.headers().firstValue("Content-Security-Policy").orElseThrow())
        .contains("script-src 'self'")
        .contains("frame-ancestors 'none'")
        .doesNotContain("unsafe-inline")
        .doesNotContain("unsafe-eval");
    assertThat(dashboard.headers().firstValue("X-Frame-Options")).hasValue("DENY");
  }

  @Test
  void aWrongPasswordCodeOrEmailFailsAlikeAndIsAudited() {
    StaffSession s = new StaffSession(admin.base(), "127.0.0.12");
    // A code from an hour ago: right shape, wrong time.
    String now = ops.code(Instant.now().minusSeconds(3600));
    List<HttpResponse<String>> failures =
        List.of(
            s.signIn(ops.email(), "wrong password!!", ops.code(Instant.now())),
            s.signIn(ops.email(), TestAdmin.PASSWORD, now),
            s.signIn("nobody@example.com", TestAdmin.PASSWORD, now));
    for (HttpResponse<String> r : failures) {
      assertThat(r.statusCode()).isEqualTo(401);
      assertThat(r.body())
          .contains("Sign-in failed: the email, password or code is wrong.")
          .contains("BAD_CREDENTIALS");
    }
    assertThat(
            admin
                .dsl()
                .fetchCount(
                    org.jooq.impl.DSL.table("admin.audit_log"),
                    org.jooq.impl.DSL.condition(
                        "action = 'staff.sign-in' and outcome = 'FAILED' and ip = '127.0.0.12'")))
        .isEqualTo(3);
  }

  @Test
  void aTotpCodeAndARecoveryCodeEachWorkOnce() {
    TestAdmin.Member m = admin.enrolled(root, "once@example.com", "Once", Role.OPS);
    String code = m.code(Instant.now());
    StaffSession first = new StaffSession(admin.base(), "127.0.0.13");
    assertThat(first.signIn(m.email(), TestAdmin.PASSWORD, code).statusCode()).isEqualTo(302);
    StaffSession replay = new StaffSession(admin.base(), "127.0.0.13");
    assertThat(replay.signIn(m.email(), TestAdmin.PASSWORD, code).statusCode())
        .as("the same code again")
        .isEqualTo(401);

    String recovery = m.recoveryCodes().get(3).toUpperCase();
    assertThat(
            new StaffSession(admin.base(), "127.0.0.13")
                .signIn(m.email(), TestAdmin.PASSWORD, recovery)
                .statusCode())
        .isEqualTo(302);
    assertThat(
            new StaffSession(admin.base(), "127.0.0.13")
                .signIn(m.email(), TestAdmin.PASSWORD, recovery)
                .statusCode())
        .as("a recovery code is good once")
        .isEqualTo(401);
  }

  @Test
  void failuresLockTheSourceNeverTheStaffMember() {
    StaffSession attacker = new StaffSession(admin.base(), "127.0.0.14");
    for (int i = 0; i < 5; i++) {
      attacker.signIn(compliance.email(), "guessing password " + i, "123456");
    }
    HttpResponse<String> locked =
        attacker.signIn(compliance.email(), TestAdmin.PASSWORD, compliance.nextCode(Instant.now()));
    assertThat(locked.statusCode())
        .as("even the right credentials from a locked source")
        .isEqualTo(429);
    assertThat(locked.headers().firstValue("Retry-After")).isPresent();
    assertThat(locked.body()).contains("RATE_LIMITED");

    // The staff member, from their own address, signs in as always.
    StaffSession owner = new StaffSession(admin.base(), "127.0.0.15");
    assertThat(owner.signIn(compliance).statusCode()).isEqualTo(302);
    assertThat(owner.get("/dashboard").statusCode()).isEqualTo(200);
  }

  @Test
  void everyStateChangeNeedsTheFormsCsrfTokenAndARefusalWritesNothing() {
    StaffSession s = signedIn(Role.ADMIN, "127.0.0.16");
    s.get("/staff");
    HttpResponse<String> noToken =
        s.postRaw(
            "/staff", Map.of("email", "csrf@example.com", "displayName", "Csrf", "role", "ADMIN"));
    HttpResponse<String> forged =
        s.postRaw(
            "/staff",
            Map.of(
                "email",
                "csrf@example.com",
                "displayName",
                "Csrf",
                "role",
                "ADMIN",
                "_csrf",
                "forged"));
    for (HttpResponse<String> r : List.of(noToken, forged)) {
      assertThat(r.statusCode()).isEqualTo(403);
      assertThat(r.body()).contains("CSRF_TOKEN_INVALID");
    }
    assertThat(staffRows("csrf@example.com")).as("nobody invited").isZero();
    assertThat(auditCount("csrf.refused", "127.0.0.16")).isEqualTo(2);

    HttpResponse<String> withToken =
        s.post("/staff", Map.of("email", "csrf@example.com", "displayName", "Csrf", "role", "OPS"));
    assertThat(withToken.statusCode()).isEqualTo(200);
    assertThat(staffRows("csrf@example.com")).isEqualTo(1);
  }

  @Test
  void eachRoleIsRefusedWhatItMayNotDoAndTheRefusalIsAudited() {
    StaffSession asOps = signedIn(Role.OPS, "127.0.0.17");
    StaffSession asCompliance = signedIn(Role.COMPLIANCE, "127.0.0.18");
    StaffSession asAdmin = signedIn(Role.ADMIN, "127.0.0.19");

    assertThat(asOps.get("/staff").statusCode()).isEqualTo(403);
    assertThat(asOps.get("/audit").statusCode()).isEqualTo(403);
    assertThat(asCompliance.get("/staff").statusCode()).isEqualTo(403);
    assertThat(asCompliance.get("/audit").statusCode()).isEqualTo(200);
    assertThat(asAdmin.get("/staff").statusCode()).isEqualTo(200);
    assertThat(asAdmin.get("/audit").statusCode()).isEqualTo(200);

    HttpResponse<String> problem = asOps.getJson("/staff");
    assertThat(problem.statusCode()).isEqualTo(403);
    assertThat(problem.headers().firstValue("Content-Type").orElseThrow())
        .contains("application/problem+json");
    assertThat(problem.body()).contains("\"code\":\"FORBIDDEN\"");

    assertThat(auditCount("access.denied", "127.0.0.17")).isEqualTo(3);
    assertThat(auditCount("access.denied", "127.0.0.18")).isEqualTo(1);
  }

  @Test
  void everyHandlerNamesThePermissionItNeeds() {
    RequestMappingHandlerMapping mapping =
        admin.context.getBean("requestMappingHandlerMapping", RequestMappingHandlerMapping.class);
    List<String> open = new java.util.ArrayList<>();
    for (Map.Entry<?, HandlerMethod> e : mapping.getHandlerMethods().entrySet()) {
      HandlerMethod m = e.getValue();
      if (!m.getBeanType().getPackageName().startsWith("dev.croupier.admin")) {
        continue;
      }
      boolean named =
          m.hasMethodAnnotation(Requires.class)
              || m.hasMethodAnnotation(Public.class)
              || m.getBeanType().isAnnotationPresent(Requires.class)
              || m.getBeanType().isAnnotationPresent(Public.class);
      if (!named) {
        open.add(e.getKey().toString());
      }
    }
    assertThat(open).as("handlers that name no permission").isEmpty();
    assertThat(mapping.getHandlerMethods()).isNotEmpty();
  }

  @Test
  void whatStaffTypeRendersInert() {
    StaffSession s = signedIn(Role.ADMIN, "127.0.0.20");
    s.get("/staff");
    String evil = "<script>alert(1)</script>\"><img src=x onerror=alert(2)>";
    s.post("/staff", Map.of("email", "xss@example.com", "displayName", evil, "role", "OPS"));
    String page = s.get("/staff").body();
    assertThat(page).doesNotContain("<script>alert(1)").doesNotContain("<img src=x");
    assertThat(page).contains("&lt;script&gt;alert(1)&lt;/script&gt;");
  }

  @Test
  void aDisabledStaffMembersSessionEndsAtTheirNextRequest() {
    TestAdmin.Member leaving = admin.enrolled(root, "leaving@example.com", "Leaving", Role.OPS);
    StaffSession theirs = signedIn(leaving, "127.0.0.21");
    assertThat(theirs.get("/dashboard").statusCode()).isEqualTo(200);

    StaffSession s = signedIn(Role.ADMIN, "127.0.0.22");
    s.get("/staff");
    HttpResponse<String> disabled =
        s.post(
            "/staff/" + leaving.member().staffId() + "/disable",
            Map.of("reason", "left the company"));
    assertThat(disabled.statusCode()).isEqualTo(302);

    HttpResponse<String> next = theirs.get("/dashboard");
    assertThat(next.statusCode()).isEqualTo(302);
    assertThat(next.headers().firstValue("Location").orElseThrow()).endsWith("/sign-in");
    assertThat(new StaffSession(admin.base(), "127.0.0.21").signIn(leaving).statusCode())
        .isEqualTo(401);
  }

  @Test
  void nobodySignedInIsSentToSignInAndAnUnknownPathHasItsOwnCode() {
    StaffSession s = new StaffSession(admin.base(), "127.0.0.23");
    HttpResponse<String> page = s.get("/players");
    assertThat(page.statusCode()).isEqualTo(302);
    assertThat(page.headers().firstValue("Location").orElseThrow()).endsWith("/sign-in");
    HttpResponse<String> api = s.getJson("/dashboard");
    assertThat(api.statusCode()).isEqualTo(401);
    assertThat(api.body()).contains("\"code\":\"INVALID_TOKEN\"");

    StaffSession in = signedIn(Role.COMPLIANCE, "127.0.0.24");
    HttpResponse<String> missing = in.getJson("/no/such/page");
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(missing.body()).contains("\"code\":\"UNKNOWN_PATH\"");
    assertThat(in.get("/no/such/page").body()).contains("UNKNOWN_PATH");
  }

  @Test
  void anInvitationEnrolsOnceThroughItsLink() {
    StaffSession s = signedIn(Role.ADMIN, "127.0.0.25");
    s.get("/staff");
    HttpResponse<String> invited =
        s.post(
            "/staff",
            Map.of("email", "ivy@example.com", "displayName", "Ivy", "role", "COMPLIANCE"));
    Matcher link = Pattern.compile("(/enrol/[A-Za-z0-9_-]{43})").matcher(invited.body());
    assertThat(link.find()).isTrue();

    StaffSession ivy = new StaffSession(admin.base(), "127.0.0.26");
    HttpResponse<String> page = ivy.get(link.group(1));
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("<svg");
    Matcher secret = Pattern.compile("class=\"secret\">([A-Z2-7]+)<").matcher(page.body());
    assertThat(secret.find()).isTrue();
    byte[] raw = TestAdmin.base32(secret.group(1));
    String code =
        dev.croupier.admin.staff.internal.Totp.code(
            raw, dev.croupier.admin.staff.internal.Totp.step(Instant.now()));

    HttpResponse<String> weak =
        ivy.post(link.group(1), Map.of("password", "short", "confirmation", "short", "code", code));
    assertThat(weak.statusCode()).isEqualTo(400);
    assertThat(weak.body()).contains("12 to 128 characters");

    HttpResponse<String> done =
        ivy.post(
            link.group(1),
            Map.of(
                "password", TestAdmin.PASSWORD, "confirmation", TestAdmin.PASSWORD, "code", code));
    assertThat(done.statusCode()).isEqualTo(200);
    assertThat(done.body()).contains("recovery codes");
    assertThat(
            Pattern.compile("[a-z2-7]{4}-[a-z2-7]{4}-[a-z2-7]{4}-[a-z2-7]{4}")
                .matcher(done.body())
                .results()
                .count())
        .isEqualTo(10);

    assertThat(new StaffSession(admin.base(), "127.0.0.26").get(link.group(1)).statusCode())
        .as("the link works once")
        .isEqualTo(404);
  }

  /**
   * A signed-in session of a new staff member of {@code role}: a TOTP code is good once, so each
   * session gets a member of its own rather than waiting 30 s for the next code.
   */
  private static StaffSession signedIn(Role role, String ip) {
    return signedIn(fresh(role), ip);
  }

  private static StaffSession signedIn(TestAdmin.Member m, String ip) {
    StaffSession s = new StaffSession(admin.base(), ip);
    HttpResponse<String> r = s.signIn(m);
    assertThat(r.statusCode()).as("sign-in of " + m.email()).isEqualTo(302);
    return s;
  }

  private static TestAdmin.Member fresh(Role role) {
    String id = java.util.UUID.randomUUID().toString().substring(0, 8);
    return admin.enrolled(
        root, role.name().toLowerCase() + "-" + id + "@example.com", "Staff " + id, role);
  }

  private static int staffRows(String email) {
    return admin
        .dsl()
        .fetchCount(
            org.jooq.impl.DSL.table("admin.staff"), org.jooq.impl.DSL.field("email").eq(email));
  }

  private static int auditCount(String action, String ip) {
    return admin
        .dsl()
        .fetchCount(
            org.jooq.impl.DSL.table("admin.audit_log"),
            org.jooq.impl.DSL.field("action").eq(action).and(org.jooq.impl.DSL.field("ip").eq(ip)));
  }
}
