package dev.croupier.admin.flags;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.croupier.admin.StaffSession;
import dev.croupier.admin.TestAdmin;
import dev.croupier.admin.staff.Role;
import dev.croupier.devstack.KafkaBroker;
import dev.croupier.flags.LiveFlags;
import dev.croupier.testsupport.KafkaExtension;
import dev.croupier.testsupport.KafkaTopics;
import dev.croupier.testsupport.PostgresDatabase;
import dev.croupier.testsupport.PostgresExtension;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Flags toggled in the admin app reach a node's reader, as every gateway and worker runs it, over a
 * real broker within two seconds; each toggle is audited with its reason; a stale or reasonless
 * toggle, or one by a role without the permission, changes nothing.
 */
@ExtendWith({PostgresExtension.class, KafkaExtension.class})
class FlagsTest {
  private static TestAdmin admin;
  private static TestAdmin.Member root;
  private static String topic;
  private static LiveFlags node;

  @BeforeAll
  static void start(PostgresDatabase db, KafkaBroker kafka) {
    topic = KafkaTopics.create(kafka.bootstrapServers(), "admin.flags", 1);
    admin =
        TestAdmin.start(
            db,
            Map.of(
                "croupier.admin.kafka.bootstrap-servers",
                kafka.bootstrapServers(),
                "croupier.admin.kafka.flags-topic",
                topic));
    root = admin.bootstrapAdmin("root@example.com");
    node =
        new LiveFlags(
            new LiveFlags.Settings(
                kafka.bootstrapServers(), topic, Map.of("auto-spin", true), "test-node"));
    node.start();
  }

  @AfterAll
  static void stop() {
    node.close();
    admin.close();
  }

  @Test
  void aToggleReachesANodeWithinTwoSecondsAndIsAudited() {
    // At start admin published the store's value (off), which overrides the node's default (on).
    await().atMost(Duration.ofSeconds(20)).until(() -> !node.isOn("auto-spin") && node.caughtUp());

    StaffSession ops = signedIn(Role.OPS, "127.0.1.1");
    long version = version(ops.get("/flags").body());
    HttpResponse<String> on =
        ops.post(
            "/flags/auto-spin",
            Map.of("enabled", "true", "version", "" + version, "reason", "launch weekend"));
    assertThat(on.statusCode()).isEqualTo(200);
    assertThat(on.body()).contains("data-state=\"on\"");
    long clicked = System.nanoTime();
    await()
        .atMost(Duration.ofSeconds(2))
        .pollInterval(Duration.ofMillis(20))
        .until(() -> node.isOn("auto-spin"));
    assertThat(Duration.ofNanos(System.nanoTime() - clicked)).isLessThan(Duration.ofSeconds(2));

    assertThat(
            admin
                .dsl()
                .fetchCount(
                    DSL.table("admin.audit_log"),
                    DSL.condition(
                        "action = 'flag.toggle' and target = 'flag:auto-spin' and reason = 'launch weekend'"
                            + " and before like '%\"enabled\":false%' and after like '%\"enabled\":true%'")))
        .isEqualTo(1);

    HttpResponse<String> off =
        ops.post(
            "/flags/auto-spin",
            Map.of("enabled", "false", "version", "" + (version + 1), "reason", "too popular"));
    assertThat(off.statusCode()).isEqualTo(200);
    await().atMost(Duration.ofSeconds(2)).until(() -> !node.isOn("auto-spin"));
  }

  @Test
  void aStaleReasonlessOrUnpermittedToggleChangesNothing() {
    StaffSession ops = signedIn(Role.OPS, "127.0.1.2");
    long version = version(ops.get("/flags").body());
    boolean was = currentlyOn();

    HttpResponse<String> stale =
        ops.post(
            "/flags/auto-spin",
            Map.of("enabled", "" + !was, "version", "" + (version - 1), "reason", "old page"));
    assertThat(stale.statusCode()).isEqualTo(409);
    assertThat(stale.body()).contains("STALE_VERSION");

    HttpResponse<String> reasonless =
        ops.post(
            "/flags/auto-spin",
            Map.of("enabled", "" + !was, "version", "" + version, "reason", " "));
    assertThat(reasonless.statusCode()).isEqualTo(400);
    assertThat(reasonless.body()).contains("VALIDATION_FAILED").contains("say why");

    StaffSession compliance = signedIn(Role.COMPLIANCE, "127.0.1.3");
    compliance.get("/flags");
    HttpResponse<String> refused =
        compliance.post(
            "/flags/auto-spin",
            Map.of("enabled", "" + !was, "version", "" + version, "reason", "not mine to do"));
    assertThat(refused.statusCode()).isEqualTo(403);

    HttpResponse<String> unknown =
        ops.post(
            "/flags/no-such-flag",
            Map.of("enabled", "true", "version", "1", "reason", "try it anyway"));
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.body()).contains("UNKNOWN_FLAG");

    assertThat(currentlyOn()).isEqualTo(was);
    assertThat(version(ops.get("/flags").body())).isEqualTo(version);
  }

  private static boolean currentlyOn() {
    return admin
        .dsl()
        .fetchSingle("select enabled from admin.feature_flags where flag_key = 'auto-spin'")
        .get(0, Boolean.class);
  }

  private static long version(String page) {
    Matcher m = Pattern.compile("name=\"version\" value=\"(\\d+)\"").matcher(page);
    assertThat(m.find()).as("the toggle form names the version").isTrue();
    return Long.parseLong(m.group(1));
  }

  private static StaffSession signedIn(Role role, String ip) {
    String id = java.util.UUID.randomUUID().toString().substring(0, 8);
    TestAdmin.Member m = admin.enrolled(root, id + "@example.com", "Staff " + id, role);
    StaffSession s = new StaffSession(admin.base(), ip);
    assertThat(s.signIn(m).statusCode()).isEqualTo(302);
    return s;
  }
}
