package dev.croupier.games.api;

import dev.croupier.errors.CroupierException;
import dev.croupier.errors.ErrorCode;
import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * A stake in minor units of a currency. The record itself only carries values; limits are checked
 * by {@link GameDescriptor#validate(Wager)} and the raw client input by {@link #parse(Object,
 * String)}.
 *
 * @param amount minor units, for example 100 for 1.00 COIN when COIN has two decimals
 * @param currency the currency code, for example {@code COIN}
 */
public record Wager(long amount, String currency) {

  /** Play money, enabled everywhere. */
  public static final String COIN = "COIN";

  /** Real money; exists in the ledger but is disabled until the real-money switch. */
  public static final String CASH = "CASH";

  // Doubles above 2^53 no longer hold every integer, so such a "number" is not an exact amount.
  private static final double EXACT_DOUBLE_LIMIT = 0x1p53;

  /**
   * Reads an amount as it arrives from JSON or a form: an integral number or a string of digits.
   *
   * @throws CroupierException {@link ErrorCode#INVALID_WAGER} if the amount is missing, not an
   *     integer, or does not fit in a {@code long}; {@link ErrorCode#WRONG_CURRENCY} if the
   *     currency is missing or blank
   */
  public static Wager parse(Object amount, String currency) {
    if (currency == null || currency.isBlank()) {
      throw new CroupierException(ErrorCode.WRONG_CURRENCY, "missing currency");
    }
    return new Wager(toLong(amount), currency);
  }

  private static long toLong(Object amount) {
    try {
      return switch (amount) {
        case Long l -> l;
        case Integer i -> i;
        case Short s -> s;
        case Byte b -> b;
        case BigInteger big -> big.longValueExact();
        case BigDecimal dec -> dec.toBigIntegerExact().longValueExact();
        case Double d -> exactDouble(d);
        case Float f -> exactDouble(f.doubleValue());
        case String s -> digits(s);
        case null -> throw invalid("missing amount");
        default -> throw invalid("amount is not an integer: " + amount);
      };
    } catch (ArithmeticException e) {
      throw invalid("amount is not an integer or overflows: " + amount);
    }
  }

  private static long digits(String s) {
    if (!s.matches("-?\\d{1,30}")) {
      throw invalid("amount is not an integer: " + s);
    }
    return new BigInteger(s).longValueExact();
  }

  private static long exactDouble(double d) {
    if (!Double.isFinite(d) || Math.rint(d) != d || Math.abs(d) > EXACT_DOUBLE_LIMIT) {
      throw invalid("amount is not an exact integer: " + d);
    }
    return (long) d;
  }

  private static CroupierException invalid(String message) {
    return new CroupierException(ErrorCode.INVALID_WAGER, message);
  }
}
