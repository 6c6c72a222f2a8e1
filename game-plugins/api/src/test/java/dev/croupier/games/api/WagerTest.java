package dev.croupier.games.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.croupier.errors.CroupierException;
import dev.croupier.errors.ErrorCode;
import java.math.BigDecimal;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class WagerTest {

  @Test
  void integralAmountsOfAnyJsonTypeAreAccepted() {
    assertThat(Wager.parse(100, "COIN")).isEqualTo(new Wager(100, "COIN"));
    assertThat(Wager.parse(100L, "COIN").amount()).isEqualTo(100);
    assertThat(Wager.parse(100.0, "COIN").amount()).isEqualTo(100);
    assertThat(Wager.parse(new BigDecimal("100.00"), "COIN").amount()).isEqualTo(100);
    assertThat(Wager.parse(BigInteger.valueOf(Long.MAX_VALUE), "COIN").amount())
        .isEqualTo(Long.MAX_VALUE);
    assertThat(Wager.parse("100", "COIN").amount()).isEqualTo(100);
  }

  @Test
  void fractionsAreInvalid() {
    assertInvalid(1.5);
    assertInvalid(new BigDecimal("1.01"));
    assertInvalid("1.5");
    assertInvalid("1e3");
    assertInvalid(Double.POSITIVE_INFINITY);
  }

  @Test
  void amountsBeyondALongAreInvalid() {
    assertInvalid(BigInteger.valueOf(Long.MAX_VALUE).add(BigInteger.ONE));
    assertInvalid("9223372036854775808");
    assertInvalid(new BigDecimal("1e30"));
    // Above 2^53 a double no longer says which integer it is.
    assertInvalid(0x1p60);
  }

  @Test
  void missingOrNonNumericAmountsAreInvalid() {
    assertInvalid(null);
    assertInvalid("");
    assertInvalid(true);
  }

  @Test
  void missingCurrencyIsTheWrongCurrency() {
    assertThatThrownBy(() -> Wager.parse(100, " "))
        .isInstanceOf(CroupierException.class)
        .extracting(e -> ((CroupierException) e).code())
        .isEqualTo(ErrorCode.WRONG_CURRENCY);
  }

  private static void assertInvalid(Object amount) {
    assertThatThrownBy(() -> Wager.parse(amount, "COIN"))
        .isInstanceOf(CroupierException.class)
        .extracting(e -> ((CroupierException) e).code())
        .isEqualTo(ErrorCode.INVALID_WAGER);
  }
}
