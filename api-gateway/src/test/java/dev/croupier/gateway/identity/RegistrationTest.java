package dev.croupier.gateway.identity;

import static dev.croupier.gateway.identity.TestGateway.PASSWORD;
import static dev.croupier.gateway.identity.TestGateway.randomIp;
import static org.assertj.core.api.Assertions.assertThat;

import dev.croupier.testsupport.PostgresDatabase;
import dev.croupier.testsupport.PostgresExtension;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** POST /auth/register against the real database and wallet, and every way to get it wrong. */
@ExtendWith(PostgresExtension.class)
class RegistrationTest {
  private static TestGateway gateway;

  @BeforeAll
  static void start(PostgresDatabase db) {
    gateway = TestGateway.start(db, Map.of());
  }

  @AfterAll
  static void stop() {
    gateway.close();
  }

  private static TestGateway.Response register(String email, String password, String name) {
    return gateway.post(
        "/auth/register",
        Map.of("email", email, "password", password, "displayName", name),
        randomIp());
  }

  private static long users() {
    return gateway.count("select count(*) from identity.users");
  }

  @Test
  void registrationNormalisesTheEmailHashesThePasswordAndGrantsWelcomeCoinsOnce() {
    TestGateway.Response r = register("  Alice.Smith@Example.COM ", PASSWORD, "Alice");

    assertThat(r.status()).isEqualTo(201);
    assertThat(r.json().get("email").asString()).isEqualTo("alice.smith@example.com");
    assertThat(r.json().get("displayName").asString()).isEqualTo("Alice");
    assertThat(r.json().get("walletReady").asBoolean()).isTrue();
    String userId = r.json().get("userId").asString();
    assertThat(userId.charAt(14)).as("UUIDv7").isEqualTo('7');

    String hash =
        (String)
            gateway
                .query(
                    "select password_hash from identity.users where email = ?",
                    "alice.smith@example.com")
                .get(0)
                .get(0);
    assertThat(hash).startsWith("$argon2id$v=19$m=19456,t=2,p=1$").doesNotContain(PASSWORD);
    assertThat(gateway.wallet.balance(userId)).isEqualTo(100_000L);
  }

  @Test
  void internationalDomainIsStoredInAscii() {
    TestGateway.Response r = register("bob@Bücher.example", PASSWORD, "Bob Builder");

    assertThat(r.status()).isEqualTo(201);
    assertThat(r.json().get("email").asString()).isEqualTo("bob@xn--bcher-kva.example");
  }

  @Test
  void duplicateEmailDifferingOnlyInCaseIsRefusedAndWritesNothing() {
    register("carol@example.com", PASSWORD, "Carol");
    long before = users();

    TestGateway.Response r = register("CAROL@Example.com", PASSWORD, "Carol Two");

    assertThat(r.status()).isEqualTo(400);
    assertThat(r.code()).isEqualTo("EMAIL_TAKEN");
    assertThat(r.fieldErrors()).containsExactly("email:EMAIL_TAKEN");
    assertThat(users()).isEqualTo(before);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "plainaddress",
        "a@b",
        "@example.com",
        "x@example..com",
        "x y@example.com",
        "x@-example.com",
        "ünï@example.com"
      })
  void malformedEmailIsAFieldError(String email) {
    long before = users();

    TestGateway.Response r = register(email, PASSWORD, "Dave");

    assertThat(r.status()).isEqualTo(400);
    assertThat(r.header("Content-Type")).startsWith("application/problem+json");
    assertThat(r.code()).isEqualTo("VALIDATION_FAILED");
    assertThat(r.fieldErrors()).containsExactly("email:INVALID_EMAIL");
    assertThat(users()).isEqualTo(before);
  }

  @Test
  void emptyShortAndTenKilobytePasswordsAreFieldErrors() {
    long before = users();

    assertThat(register("e1@example.com", "", "Erin").fieldErrors())
        .containsExactly("password:REQUIRED");
    assertThat(register("e2@example.com", "short", "Erin").fieldErrors())
        .containsExactly("password:TOO_SHORT");
    TestGateway.Response huge = register("e3@example.com", "p".repeat(10 * 1024), "Erin");
    assertThat(huge.status()).isEqualTo(400);
    assertThat(huge.fieldErrors()).containsExactly("password:TOO_LONG");
    assertThat(users()).isEqualTo(before);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "adm\u202Enim", // right-to-left override
        "ad\u200Bmin", // zero-width space
        "ad\u200Dmin", // zero-width joiner
        "a\u0000dmin", // NUL
        "bell\u0007", // control
        "p\u0430ypal", // Cyrillic а among Latin letters
        "a\u0301\u0301\u0301\u0301b", // a stack of combining marks
        "\uE000prv", // private use
        "two  spaces",
        " lead",
        "x",
        "<script>"
      })
  void unicodeTricksInDisplayNamesAreFieldErrors(String name) {
    long before = users();

    TestGateway.Response r = register("frank@example.com", PASSWORD, name);

    assertThat(r.status()).isEqualTo(400);
    assertThat(r.fieldErrors()).hasSize(1).allMatch(f -> f.startsWith("displayName:"));
    assertThat(users()).isEqualTo(before);
  }

  @Test
  void displayNamesAreNfkcNormalised() {
    TestGateway.Response r = register("grace@example.com", PASSWORD, "Ｇｒａｃｅ");

    assertThat(r.status()).isEqualTo(201);
    assertThat(r.json().get("displayName").asString()).isEqualTo("Grace");
  }

  @Test
  void everyBadFieldIsReportedAtOnce() {
    TestGateway.Response r = register("nope", "", "\u202E");

    assertThat(r.fieldErrors())
        .containsExactlyInAnyOrder(
            "email:INVALID_EMAIL", "password:REQUIRED", "displayName:FORBIDDEN_CHARACTER");
  }

  @Test
  void bodyOverTheSizeLimitIsRefusedWithPayloadTooLarge() {
    long before = users();
    String body =
        "{\"email\":\"h@example.com\",\"password\":\"%s\",\"displayName\":\"Heidi\"}"
            .formatted("p".repeat(20_000));

    TestGateway.Response r = gateway.postRaw("/auth/register", body, randomIp());

    assertThat(r.status()).isEqualTo(400);
    assertThat(r.code()).isEqualTo("PAYLOAD_TOO_LARGE");
    assertThat(r.fieldErrors()).containsExactly("body:PAYLOAD_TOO_LARGE");
    assertThat(users()).isEqualTo(before);
  }

  @Test
  void malformedJsonAndMissingFieldsAreClearErrorsNeverA500() {
    TestGateway.Response notJson = gateway.postRaw("/auth/register", "{not json", randomIp());
    assertThat(notJson.status()).isEqualTo(400);
    assertThat(notJson.fieldErrors()).containsExactly("body:MALFORMED_MESSAGE");

    TestGateway.Response empty = gateway.postRaw("/auth/register", "{}", randomIp());
    assertThat(empty.status()).isEqualTo(400);
    assertThat(empty.fieldErrors())
        .containsExactlyInAnyOrder("email:REQUIRED", "password:REQUIRED", "displayName:REQUIRED");

    TestGateway.Response wrongType =
        gateway.postRaw("/auth/register", "{\"email\":[1,2]}", randomIp());
    assertThat(wrongType.status()).isEqualTo(400);
  }
}
