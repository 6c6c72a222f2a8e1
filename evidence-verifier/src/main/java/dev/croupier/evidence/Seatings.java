package dev.croupier.evidence;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which poker hands a player sat in, from the player's own table transfers alone: a hand moves no
 * money of its players (its pots are chips inside the table's escrow), so a player's part in a hand
 * is proven by the buy-in that seated them and the cash-out that unseated them. A table transfer is
 * posted under {@code table-<id>/seat-<n>/buyin-<k>} or {@code table-<id>/seat-<n>/cashout-<k>}
 * with the metadata {@code hand}: the last hand the table had started when it was posted. A buy-in
 * seats its player from the next hand on; a cash-out unseats them after the hand it names. Admin
 * uses it to choose a player bundle's hands and the verifier to check them.
 */
public final class Seatings {
  private static final Pattern KEY =
      Pattern.compile("table-([^/]+)/seat-(\\d+)/(buyin|cashout)-\\d+");

  private Seatings() {}

  /**
   * One buy-in or cash-out of the player.
   *
   * @param transactionId the wallet's transaction id (ledger order)
   * @param tableId the table
   * @param seat the seat
   * @param buyIn a buy-in (else a cash-out)
   * @param hand the last hand the table had started when it was posted
   */
  public record Transfer(long transactionId, String tableId, int seat, boolean buyIn, long hand) {}

  /** The transfer posted under {@code idempotencyKey}, or empty for a key of no seat transfer. */
  public static Optional<Transfer> parse(long transactionId, String idempotencyKey, long hand) {
    Matcher m = KEY.matcher(idempotencyKey);
    if (!m.matches()) {
      return Optional.empty();
    }
    return Optional.of(
        new Transfer(
            transactionId,
            m.group(1),
            Integer.parseInt(m.group(2)),
            m.group(3).equals("buyin"),
            hand));
  }

  /**
   * Whether the transfers seat their player on {@code seat} of {@code tableId} during hand {@code
   * n}: a buy-in on that seat before the hand started, and no cash-out of it between the two.
   */
  public static boolean seated(List<Transfer> transfers, String tableId, int seat, long n) {
    boolean open = false;
    long first = 0;
    for (Transfer t :
        transfers.stream()
            .filter(t -> t.tableId().equals(tableId) && t.seat() == seat)
            .sorted(Comparator.comparingLong(Transfer::transactionId))
            .toList()) {
      if (t.buyIn() && !open) {
        open = true;
        first = t.hand() + 1;
      } else if (!t.buyIn() && open) {
        if (n >= first && n <= t.hand()) {
          return true;
        }
        open = false;
      }
    }
    return open && n >= first;
  }
}
