package dev.croupier.admin.web;

import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;
import java.util.Map;

/**
 * Amounts as staff read them: minor units shown at their currency's scale with the currency code,
 * for example {@code 1,250.00 COIN}, never a bare number (a page template calls {@code
 * ${@money.format(amount, currency)}}).
 */
public final class Money {
  private final Map<String, Integer> scales;

  /**
   * @param scales the scale (digits after the point) of each currency the wallet knows
   */
  public Money(Map<String, Integer> scales) {
    this.scales = Map.copyOf(scales);
  }

  /** The scale of {@code currency}; 2 when the wallet did not say. */
  public int scale(String currency) {
    return scales.getOrDefault(currency, 2);
  }

  /** Every known scale, for page scripts that format amounts themselves. */
  public Map<String, Integer> scales() {
    return scales;
  }

  /** The scales as a JSON object, for a page script: {@code {"CASH":2,"COIN":2}}. */
  public String scalesJson() {
    StringBuilder b = new StringBuilder("{");
    new java.util.TreeMap<>(scales)
        .forEach(
            (c, s) ->
                b.append(b.length() > 1 ? "," : "").append('"').append(c).append("\":").append(s));
    return b.append('}').toString();
  }

  /**
   * Minor units from an amount as staff type it ({@code 1250}, {@code -12.5}, {@code 1,250.00}).
   *
   * @throws dev.croupier.errors.CroupierException {@code VALIDATION_FAILED} for anything else, or
   *     more decimals than the currency has
   */
  public long parse(String text, String currency) {
    String t = text == null ? "" : text.strip().replace(",", "");
    try {
      BigDecimal d = new BigDecimal(t);
      return d.movePointRight(scale(currency)).longValueExact();
    } catch (NumberFormatException | ArithmeticException e) {
      throw new dev.croupier.errors.CroupierException(
          dev.croupier.errors.ErrorCode.VALIDATION_FAILED,
          "amount: a number with at most " + scale(currency) + " decimals");
    }
  }

  /** {@code amount} minor units of {@code currency}, at its scale, with its code. */
  public String format(long amount, String currency) {
    int scale = scale(currency);
    DecimalFormat f = new DecimalFormat("#,##0", DecimalFormatSymbols.getInstance(Locale.ROOT));
    f.setMinimumFractionDigits(scale);
    f.setMaximumFractionDigits(scale);
    return f.format(BigDecimal.valueOf(amount, scale)) + " " + currency;
  }
}
