package dev.croupier.gateway.ws;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Amounts as the web client shows them, "1,234.56 COIN", read back into minor units. */
final class ScreenMoney {
  /** An amount with COIN's two decimals and its code, signed for ledger lines. */
  static final Pattern COIN = Pattern.compile("([+−-]?)(\\d{1,3}(?:,\\d{3})*)\\.(\\d{2}) COIN");

  private ScreenMoney() {}

  /** The minor units of the first amount in {@code text}, or -1 when there is none. */
  static long minor(String text) {
    Matcher m = COIN.matcher(text);
    if (!m.find()) {
      return -1;
    }
    long value = Long.parseLong(m.group(2).replace(",", "")) * 100 + Long.parseLong(m.group(3));
    return m.group(1).isEmpty() || m.group(1).equals("+") ? value : -value;
  }

  /** Minor units as a person types them into an amount box: 50000 is "500.00". */
  static String typed(long minor) {
    return String.format("%d.%02d", minor / 100, minor % 100);
  }
}
