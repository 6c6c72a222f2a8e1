package dev.croupier.admin.evidence;

import dev.croupier.admin.platform.AdminWallet;
import dev.croupier.errors.CroupierException;
import dev.croupier.errors.ErrorCode;
import dev.croupier.evidence.Seatings;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The poker hands a player sat in that started in a range. A hand moves no money of its players
 * (its pots are chips in the table's escrow, its one transaction the rake), so the player's part is
 * found from their own ledger: the buy-ins and cash-outs of their accounts ({@link Seatings}) name
 * the tables, the seats and the hands between; each such table's hands in the range come from the
 * workers' hands endpoint, and those dealt to one of the player's seats are kept.
 */
final class PlayerHands {
  private final AdminWallet wallet;
  private final GameEvidence game;

  /**
   * The hands of one table.
   *
   * @param hands as the hands endpoint gives them, in hand order
   * @param ledger the hands' rake transactions, then the player's buy-ins and cash-outs at the
   *     table ({@code transactionId, idempotencyKey, kind, hand, entries}): what {@code
   *     ledger/table-<id>.json} of a player bundle holds
   */
  record Table(String tableId, List<Map<String, Object>> hands, List<Map<String, Object>> ledger) {
    /** When the first and the last hand started. */
    Instant firstStart() {
      return Instant.parse(String.valueOf(hands.getFirst().get("startedAt")));
    }

    Instant lastStart() {
      return Instant.parse(String.valueOf(hands.getLast().get("startedAt")));
    }
  }

  /**
   * What was found.
   *
   * @param accounts the player's accounts (what {@code player.json} lists)
   * @param tables each table with at least one of the player's hands, by table id
   */
  record Found(List<Long> accounts, List<Table> tables) {
    int hands() {
      return tables.stream().mapToInt(t -> t.hands().size()).sum();
    }
  }

  PlayerHands(AdminWallet wallet, GameEvidence game) {
    this.wallet = wallet;
    this.game = game;
  }

  /**
   * The hands player {@code playerId} sat in that started in {@code [from, to)}; at most {@code
   * max}.
   *
   * @throws CroupierException {@code EXPORT_SCOPE_TOO_LARGE} above {@code max} (hands of the
   *     player, hands of one of their tables in the range, or table transactions of the player);
   *     {@code UNAVAILABLE} when the wallet or the workers' hands endpoint do not answer
   */
  Found find(UUID playerId, Instant from, Instant to, int max) {
    List<Long> accounts =
        wallet.ownerAccounts(playerId).stream()
            .filter(a -> a.type().equals("PLAYER"))
            .map(AdminWallet.OwnedAccount::accountId)
            .toList();
    Map<String, List<Seatings.Transfer>> seatings = new TreeMap<>();
    Map<String, List<Map<String, Object>>> transfers = new TreeMap<>();
    for (AdminWallet.TableTransfer t : wallet.tableTransfers(accounts, to, max)) {
      Optional<Seatings.Transfer> s =
          Seatings.parse(t.transactionId(), t.idempotencyKey(), t.hand());
      if (s.isEmpty()) {
        continue;
      }
      seatings.computeIfAbsent(s.get().tableId(), id -> new ArrayList<>()).add(s.get());
      transfers.computeIfAbsent(s.get().tableId(), id -> new ArrayList<>()).add(ledger(t));
    }
    List<Table> tables = new ArrayList<>();
    int total = 0;
    for (Map.Entry<String, List<Seatings.Transfer>> s : seatings.entrySet()) {
      String table = s.getKey();
      List<Map<String, Object>> hands = new ArrayList<>();
      Map<Object, Map<String, Object>> ledger = new LinkedHashMap<>();
      for (Map<String, Object> hand : game.hands(table, from, to, max)) {
        long n = ((Number) hand.get("handNumber")).longValue();
        boolean theirs =
            hand.get("seats") instanceof List<?> seats
                && seats.stream()
                    .anyMatch(
                        seat ->
                            seat instanceof Map<?, ?> m
                                && m.get("seat") instanceof Number number
                                && Seatings.seated(s.getValue(), table, number.intValue(), n));
        if (!theirs) {
          continue;
        }
        hands.add(hand);
        if (hand.get("ledgerTransactions") instanceof List<?> posted) {
          for (Object t : posted) {
            if (t instanceof Map<?, ?> m) {
              @SuppressWarnings("unchecked")
              Map<String, Object> transaction = (Map<String, Object>) m;
              ledger.putIfAbsent(m.get("transactionId"), transaction);
            }
          }
        }
      }
      total += hands.size();
      if (total > max) {
        throw new CroupierException(
            ErrorCode.EXPORT_SCOPE_TOO_LARGE,
            "more than " + max + " poker hands of this player started in the range; narrow it");
      }
      if (!hands.isEmpty()) {
        List<Map<String, Object>> all = new ArrayList<>(ledger.values());
        all.addAll(transfers.get(table));
        tables.add(new Table(table, hands, all));
      }
    }
    return new Found(accounts, tables);
  }

  private static Map<String, Object> ledger(AdminWallet.TableTransfer t) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("transactionId", t.transactionId());
    out.put("idempotencyKey", t.idempotencyKey());
    out.put("kind", t.kind());
    out.put("hand", t.hand());
    List<Map<String, Object>> entries = new ArrayList<>();
    for (AdminWallet.TransferLeg leg : t.legs()) {
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("accountId", leg.accountId());
      e.put("currency", leg.currency());
      e.put("amount", leg.amount());
      entries.add(e);
    }
    out.put("entries", entries);
    return out;
  }
}
