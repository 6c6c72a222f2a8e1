package dev.croupier.wallet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.croupier.api.wallet.v1.GetBalanceRequest;
import dev.croupier.api.wallet.v1.WalletGrpc;
import dev.croupier.errors.ErrorCode;
import dev.croupier.testsupport.PostgresDatabase;
import dev.croupier.testsupport.PostgresExtension;
import dev.croupier.wallet.api.ServiceTokenCredentials;
import dev.croupier.wallet.api.ServiceTokenKey;
import dev.croupier.wallet.api.WalletErrors;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ServiceAuthenticationTest {
  private WalletHarness w;
  private long house;

  @BeforeAll
  void start(PostgresDatabase db) {
    w = WalletHarness.start(db);
    house = w.house("COIN");
  }

  @AfterAll
  void stop() {
    w.close();
  }

  private void refused(WalletGrpc.WalletBlockingStub stub) {
    StatusRuntimeException e =
        catchThrowableOfType(
            StatusRuntimeException.class,
            () -> stub.getBalance(GetBalanceRequest.newBuilder().setAccountId(house).build()));
    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
    assertThat(WalletErrors.codeOf(e)).contains(ErrorCode.INVALID_TOKEN);
  }

  @Test
  void callWithAValidTokenIsServed() {
    assertThat(
            w.wallet
                .getBalance(GetBalanceRequest.newBuilder().setAccountId(house).build())
                .getAccountId())
        .isEqualTo(house);
  }

  @Test
  void callWithoutATokenIsUnauthenticated() {
    refused(WalletGrpc.newBlockingStub(w.channel));
  }

  @Test
  void tokenSignedWithAnotherKeyIsUnauthenticated() {
    refused(
        WalletGrpc.newBlockingStub(w.channel)
            .withCallCredentials(
                new ServiceTokenCredentials(ServiceTokenKey.random(), "intruder")));
  }

  @Test
  void expiredTokenIsUnauthenticated() {
    Clock past = Clock.fixed(Instant.now().minusSeconds(3600), ZoneOffset.UTC);
    refused(
        WalletGrpc.newBlockingStub(w.channel)
            .withCallCredentials(new ServiceTokenCredentials(w.key, "workers", "wallet", past)));
  }

  @Test
  void tokenForAnotherServiceIsUnauthenticated() {
    refused(
        WalletGrpc.newBlockingStub(w.channel)
            .withCallCredentials(
                new ServiceTokenCredentials(w.key, "workers", "admin", Clock.systemUTC())));
  }
}
