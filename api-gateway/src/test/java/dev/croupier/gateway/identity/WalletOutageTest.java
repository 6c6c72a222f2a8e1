package dev.croupier.gateway.identity;

import static dev.croupier.gateway.identity.TestGateway.PASSWORD;
import static dev.croupier.gateway.identity.TestGateway.randomIp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.croupier.testsupport.Management;
import dev.croupier.testsupport.PostgresDatabase;
import dev.croupier.testsupport.PostgresExtension;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Registration is crash-safe: the user is written first, and a wallet that is down only delays the
 * welcome grant, which the next login settles; however often it is retried, it is granted once.
 * Meanwhile the gateway's readiness names the wallet as down, and then up again.
 */
@ExtendWith(PostgresExtension.class)
class WalletOutageTest {
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
  void aGrantOwedDuringAWalletOutageIsSettledAtTheNextLoginExactlyOnce() {
    Management management = Management.at(gateway.managementPort());
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> "UP".equals(management.readiness().components().get("wallet")));
    gateway.wallet.stop();
    // Readiness names the wallet, with the reason; liveness does not move.
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () -> {
              Management.Health h = management.readiness();
              assertThat(h.httpStatus()).isEqualTo(503);
              assertThat(h.components()).containsEntry("wallet", "DOWN");
              assertThat(h.error("wallet")).contains("croupier.wallet.v1.Wallet is unreachable");
            });
    assertThat(management.liveness().status()).isEqualTo("UP");
    TestGateway.Response registered =
        gateway.post(
            "/auth/register",
            Map.of("email", "sam@example.com", "password", PASSWORD, "displayName", "Sam"),
            randomIp());
    assertThat(registered.status()).isEqualTo(201);
    assertThat(registered.json().get("walletReady").asBoolean()).isFalse();
    String userId = registered.json().get("userId").asString();
    assertThat(gateway.count("select count(*) from identity.users where user_id = ?::uuid", userId))
        .isEqualTo(1);

    assertThat(gateway.login("sam@example.com", PASSWORD, randomIp()).status())
        .as("login works while the wallet is down")
        .isEqualTo(200);

    gateway.wallet.restart();
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> "UP".equals(management.readiness().components().get("wallet")));
    TestGateway.Response login = gateway.login("sam@example.com", PASSWORD, randomIp());
    assertThat(login.status()).isEqualTo(200);
    assertThat(
            gateway
                .get("/auth/me", login.json().get("accessToken").asString())
                .json()
                .path("profile")
                .path("walletReady")
                .asBoolean())
        .isTrue();
    assertThat(gateway.wallet.balance(userId)).isEqualTo(100_000L);

    gateway.login("sam@example.com", PASSWORD, randomIp());
    assertThat(gateway.wallet.balance(userId)).isEqualTo(100_000L);
  }

  @Test
  void callingTheWalletPortAgainReplaysTheGrantInsteadOfPayingTwice() {
    String userId = gateway.register("tara@example.com", "Tara");
    WalletAccounts wallet = gateway.context.getBean(WalletAccounts.class);

    WalletAccounts.WelcomeGrant again =
        wallet.openPlayerAccountAndGrantWelcome(UUID.fromString(userId));
    WalletAccounts.WelcomeGrant thrice =
        wallet.openPlayerAccountAndGrantWelcome(UUID.fromString(userId));

    assertThat(again.replayed()).isTrue();
    assertThat(thrice.replayed()).isTrue();
    assertThat(thrice.accountId()).isEqualTo(again.accountId());
    assertThat(gateway.wallet.balance(userId)).isEqualTo(100_000L);
  }
}
