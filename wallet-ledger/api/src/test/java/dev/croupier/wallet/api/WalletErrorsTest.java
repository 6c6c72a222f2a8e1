package dev.croupier.wallet.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.croupier.errors.ErrorCode;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.junit.jupiter.api.Test;

class WalletErrorsTest {
  @Test
  void everyCodeSurvivesTheRoundTripThroughAStatus() {
    for (ErrorCode code : ErrorCode.values()) {
      StatusRuntimeException e = WalletErrors.exception(code, "x");

      assertThat(WalletErrors.codeOf(e)).contains(code);
      assertThat(e.getStatus().getCode()).isEqualTo(WalletErrors.statusCode(code));
    }
  }

  @Test
  void ledgerCodesMapToTheDocumentedStatuses() {
    assertThat(WalletErrors.statusCode(ErrorCode.INSUFFICIENT_FUNDS))
        .isEqualTo(Status.Code.FAILED_PRECONDITION);
    assertThat(WalletErrors.statusCode(ErrorCode.IDEMPOTENCY_CONFLICT))
        .isEqualTo(Status.Code.ALREADY_EXISTS);
    assertThat(WalletErrors.statusCode(ErrorCode.UNKNOWN_ACCOUNT)).isEqualTo(Status.Code.NOT_FOUND);
    assertThat(WalletErrors.statusCode(ErrorCode.INVALID_TOKEN))
        .isEqualTo(Status.Code.UNAUTHENTICATED);
  }

  @Test
  void failureWithoutTheTrailerHasNoCode() {
    assertThat(WalletErrors.codeOf(Status.UNAVAILABLE.asRuntimeException())).isEmpty();
    assertThat(
            WalletErrors.codeOf(
                new RuntimeException(WalletErrors.exception(ErrorCode.UNBALANCED, "x"))))
        .contains(ErrorCode.UNBALANCED);
  }
}
