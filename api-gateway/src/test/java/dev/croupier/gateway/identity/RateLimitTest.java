package dev.croupier.gateway.identity;

import static dev.croupier.gateway.identity.TestGateway.PASSWORD;
import static dev.croupier.gateway.identity.TestGateway.randomIp;
import static org.assertj.core.api.Assertions.assertThat;

import dev.croupier.testsupport.PostgresDatabase;
import dev.croupier.testsupport.PostgresExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Scripts are slowed down with 429 and Retry-After; people at other addresses are not. */
@ExtendWith(PostgresExtension.class)
class RateLimitTest {
  private static TestGateway gateway;

  @BeforeAll
  static void start(PostgresDatabase db) {
    gateway = TestGateway.start(db, Map.of());
  }

  @AfterAll
  static void stop() {
    gateway.close();
  }

  @Test
  void fiftyLoginsInASecondFromOneAddressAreThrottledWhileOtherUsersAreNot() throws Exception {
    gateway.register("script@example.com", "Scripty");
    gateway.register("person@example.com", "Person");
    String scriptIp = randomIp();

    List<TestGateway.Response> answers = new ArrayList<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(10)) {
      List<Future<TestGateway.Response>> burst = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        burst.add(
            pool.submit(
                () -> gateway.login("script@example.com", "guess " + Math.random(), scriptIp)));
      }
      for (Future<TestGateway.Response> f : burst) {
        answers.add(f.get());
      }
    }

    List<TestGateway.Response> limited = answers.stream().filter(r -> r.status() == 429).toList();
    assertThat(limited).hasSizeGreaterThanOrEqualTo(30);
    TestGateway.Response refusal = limited.get(0);
    assertThat(refusal.code()).isEqualTo("RATE_LIMITED");
    assertThat(refusal.header("Content-Type")).startsWith("application/problem+json");
    assertThat(Long.parseLong(refusal.header("Retry-After"))).isPositive();
    assertThat(refusal.json().get("retryAfterSeconds").asLong()).isPositive();

    TestGateway.Response person = gateway.login("person@example.com", PASSWORD, randomIp());
    assertThat(person.status()).isEqualTo(200);
  }

  @Test
  void oneUsersBucketAtAnAddressDoesNotEmptyAnotherUsersBucketThere() {
    gateway.register("quinn@example.com", "Quinn");
    gateway.register("ruth@example.com", "Ruth");
    String sharedIp = randomIp();

    int quinnLimited = 0;
    for (int i = 0; i < 12; i++) {
      if (gateway.login("quinn@example.com", PASSWORD, sharedIp).status() == 429) {
        quinnLimited++;
      }
    }

    assertThat(quinnLimited).as("per-user bucket of 10 a minute").isEqualTo(2);
    assertThat(gateway.login("ruth@example.com", PASSWORD, sharedIp).status()).isEqualTo(200);
  }

  @Test
  void registrationAndRefreshAreLimitedPerAddress() {
    String ip = randomIp();
    int registered = 0;
    TestGateway.Response last = null;
    for (int i = 0; i < 11; i++) {
      last =
          gateway.post(
              "/auth/register",
              Map.of(
                  "email",
                  "bulk" + i + "@example.com",
                  "password",
                  PASSWORD,
                  "displayName",
                  "Bulk"),
              ip);
      if (last.status() == 201) {
        registered++;
      }
    }
    assertThat(registered).isEqualTo(10);
    assertThat(last.status()).isEqualTo(429);
    assertThat(last.header("Retry-After")).isNotNull();
    assertThat(gateway.count("select count(*) from identity.users where email like 'bulk%'"))
        .isEqualTo(10);

    // The refresh bucket holds 60 and refills one a second, so on a slow machine a few more than
    // 60 may pass; what matters is that a flood from one address is cut off, with Retry-After.
    String refreshIp = randomIp();
    int accepted = 0;
    TestGateway.Response refusal = null;
    for (int i = 0; i < 200 && refusal == null; i++) {
      TestGateway.Response r =
          gateway.post("/auth/refresh", Map.of("refreshToken", "x" + i), refreshIp);
      if (r.status() == 429) {
        refusal = r;
      } else {
        accepted++;
      }
    }
    assertThat(refusal).as("a refresh flood from one address is throttled").isNotNull();
    assertThat(accepted).isBetween(60, 120);
    assertThat(refusal.header("Retry-After")).isNotNull();
  }
}
