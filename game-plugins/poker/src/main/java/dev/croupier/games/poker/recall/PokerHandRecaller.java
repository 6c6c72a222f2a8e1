package dev.croupier.games.poker.recall;

import dev.croupier.games.api.RoundSeed;
import dev.croupier.games.poker.HandResult;
import dev.croupier.games.poker.HoleCardsDealt;
import dev.croupier.games.poker.PokerDeal;
import dev.croupier.games.poker.PublicEvent;
import dev.croupier.games.poker.Street;
import dev.croupier.games.poker.recall.PokerHandRecall.Check;
import dev.croupier.games.rng.Verifier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Rebuilds a hand from its records. It never runs the poker engine: the moves, amounts, board and
 * pots are read from the records, and the cards are recomputed with the certified deal alone
 * ({@link PokerDeal}: the seed's Fisher-Yates permutation and the fixed deal positions), so a table
 * that ran an older engine is recalled as it ran. Each record is then checked against the others,
 * and every disagreement is named with both versions.
 */
public final class PokerHandRecaller {
  private PokerHandRecaller() {}

  /**
   * Recalls one hand.
   *
   * @throws IllegalArgumentException the records hold no start of hand {@code handNumber}
   */
  public static PokerHandRecall recall(HandRecords records) {
    Objects.requireNonNull(records, "records");
    long n = records.handNumber();
    PublicEvent.HandStarted started = null;
    PublicEvent.HandEnded ended = null;
    List<PokerHandRecall.Blind> blinds = new ArrayList<>();
    List<PokerHandRecall.Move> moves = new ArrayList<>();
    List<String> board = List.of();
    List<PokerHandRecall.Shown> shown = new ArrayList<>();
    List<PokerHandRecall.Pot> pots = new ArrayList<>();
    long putIn = 0;
    long returned = 0;
    Street street = Street.PREFLOP;
    for (PublicEvent e : records.events()) {
      if (handOf(e) != n) {
        continue;
      }
      switch (e) {
        case PublicEvent.HandStarted s -> started = s;
        case PublicEvent.BlindPosted b -> {
          blinds.add(new PokerHandRecall.Blind(b.seat(), b.big(), b.amount(), b.allIn()));
          putIn += b.amount();
        }
        case PublicEvent.ActionTaken a -> {
          moves.add(
              new PokerHandRecall.Move(
                  street.name(),
                  a.seat(),
                  a.kind().name(),
                  a.added(),
                  a.streetBet(),
                  a.stack(),
                  a.allIn(),
                  a.timedOut()));
          putIn += a.added();
        }
        case PublicEvent.BoardDealt d -> {
          street = d.street();
          board = d.board();
        }
        case PublicEvent.UncalledBetReturned u -> returned += u.amount();
        case PublicEvent.CardsShown c ->
            shown.add(
                new PokerHandRecall.Shown(
                    c.seat(), c.cards(), c.category() == null ? null : c.category().name()));
        case PublicEvent.PotAwarded p -> pots.add(pot(p.pot()));
        case PublicEvent.HandEnded h -> ended = h;
        default -> {}
      }
    }
    if (started == null) {
      throw new IllegalArgumentException("the records hold no start of hand " + n);
    }
    List<Integer> dealOrder = dealOrder(started);
    HandRecords.Epoch epoch = records.epoch();
    boolean revealed = epoch.serverSeed() != null;
    PokerDeal.Deal deal =
        revealed
            ? PokerDeal.deal(new RoundSeed(epoch.serverSeed(), epoch.clientSeed(), n), dealOrder)
            : null;
    Map<Integer, Long> before = new LinkedHashMap<>();
    for (HandResult.Chips c : started.stacks()) {
      before.put(c.seat(), c.amount());
    }
    Map<Integer, Long> after = new LinkedHashMap<>();
    if (ended != null) {
      for (HandResult.Chips c : ended.stacks()) {
        after.put(c.seat(), c.amount());
      }
    }
    List<PokerHandRecall.Seat> seats = new ArrayList<>();
    for (int seat : dealOrder) {
      List<String> cards =
          deal != null ? deal.holeCards(seat) : opened(records.openedHoleCards(), seat);
      seats.add(
          new PokerHandRecall.Seat(
              seat, before.get(seat), ended == null ? null : after.get(seat), cards));
    }

    List<Check> checks = new ArrayList<>();
    checks.add(commitment(epoch));
    checks.add(boardCheck(deal, board));
    checks.add(showdownCheck(deal, shown));
    checks.add(holeCardsCheck(deal, records.openedHoleCards()));
    checks.add(conservation(ended, dealOrder, before, after));
    checks.add(potsCheck(ended, putIn, returned, pots));
    checks.add(ledgerRake(ended, records.rakePosted()));
    checks.add(historyCheck(records.historyActions(), moves));
    boolean consistent = checks.stream().noneMatch(c -> Check.FAIL.equals(c.verdict()));
    return new PokerHandRecall(
        records.tableId(),
        n,
        started.button(),
        started.smallBlindSeat(),
        started.bigBlindSeat(),
        seats,
        blinds,
        new PokerHandRecall.Deck(
            epoch.epoch(),
            epoch.commitment(),
            epoch.serverSeed(),
            epoch.clientSeed(),
            n,
            dealOrder,
            deal == null ? List.of() : deal.board()),
        moves,
        board,
        shown,
        pots,
        new PokerHandRecall.Rake(ended == null ? null : ended.rake(), records.rakePosted()),
        checks,
        consistent);
  }

  /** The hand an event belongs to, or -1 for a table event (a seat taken or left). */
  private static long handOf(PublicEvent e) {
    return switch (e) {
      case PublicEvent.HandStarted s -> s.handNumber();
      case PublicEvent.BlindPosted b -> b.handNumber();
      case PublicEvent.ActionTaken a -> a.handNumber();
      case PublicEvent.BoardDealt d -> d.handNumber();
      case PublicEvent.UncalledBetReturned u -> u.handNumber();
      case PublicEvent.CardsShown c -> c.handNumber();
      case PublicEvent.PotAwarded p -> p.handNumber();
      case PublicEvent.HandEnded h -> h.handNumber();
      default -> -1;
    };
  }

  /** The seats dealt in, from the first left of the button round to the button. */
  static List<Integer> dealOrder(PublicEvent.HandStarted started) {
    List<Integer> sorted =
        started.stacks().stream().map(HandResult.Chips::seat).sorted().distinct().toList();
    List<Integer> order = new ArrayList<>();
    for (int s : sorted) {
      if (s > started.button()) {
        order.add(s);
      }
    }
    for (int s : sorted) {
      if (s <= started.button()) {
        order.add(s);
      }
    }
    return order;
  }

  private static PokerHandRecall.Pot pot(HandResult.Pot p) {
    return new PokerHandRecall.Pot(
        p.index(),
        p.amount(),
        p.rake(),
        p.eligible(),
        p.awards().stream().map(c -> new PokerHandRecall.Award(c.seat(), c.amount())).toList());
  }

  private static List<String> opened(List<HoleCardsDealt> opened, int seat) {
    return opened.stream()
        .filter(h -> h.seat() == seat)
        .map(HoleCardsDealt::cards)
        .findFirst()
        .orElse(List.of());
  }

  private static Check commitment(HandRecords.Epoch epoch) {
    if (epoch.serverSeed() == null) {
      return skipped("rng.commitment", "the epoch's seed is not revealed yet");
    }
    boolean ok;
    try {
      ok = Verifier.commitmentMatches(epoch.serverSeed(), epoch.commitment());
    } catch (IllegalArgumentException e) {
      ok = false;
    }
    return verdict(
        "rng.commitment",
        ok,
        "SHA-256 of the revealed seed against the commitment " + epoch.commitment());
  }

  private static Check boardCheck(PokerDeal.Deal deal, List<String> board) {
    if (deal == null) {
      return skipped("deck.board", "the epoch's seed is not revealed yet");
    }
    if (board.size() > 5) {
      return verdict("deck.board", false, "recorded " + board + " has more than five cards");
    }
    List<String> dealt = deal.board().subList(0, board.size());
    return verdict(
        "deck.board", dealt.equals(board), "recorded " + board + ", the seed deals " + dealt);
  }

  private static Check showdownCheck(PokerDeal.Deal deal, List<PokerHandRecall.Shown> shown) {
    if (deal == null) {
      return skipped("deck.showdown", "the epoch's seed is not revealed yet");
    }
    for (PokerHandRecall.Shown s : shown) {
      List<String> dealt = deal.holeCards(s.seat());
      if (!dealt.equals(s.cards())) {
        return verdict(
            "deck.showdown",
            false,
            "seat " + s.seat() + " showed " + s.cards() + ", the seed dealt it " + dealt);
      }
    }
    return verdict("deck.showdown", true, shown.size() + " hands shown, each the one dealt");
  }

  private static Check holeCardsCheck(PokerDeal.Deal deal, List<HoleCardsDealt> opened) {
    if (opened.isEmpty()) {
      return skipped("deck.holeCards", "no hole cards opened with the compliance key");
    }
    if (deal == null) {
      return skipped("deck.holeCards", "the epoch's seed is not revealed yet");
    }
    for (HoleCardsDealt h : opened) {
      List<String> dealt = deal.holeCards(h.seat());
      if (!dealt.equals(h.cards())) {
        return verdict(
            "deck.holeCards",
            false,
            "seat " + h.seat() + " was sealed " + h.cards() + ", the seed dealt it " + dealt);
      }
    }
    return verdict(
        "deck.holeCards", true, opened.size() + " sealed deals opened, each the one dealt");
  }

  private static Check conservation(
      PublicEvent.HandEnded ended,
      List<Integer> dealOrder,
      Map<Integer, Long> before,
      Map<Integer, Long> after) {
    if (ended == null) {
      return skipped("chips.conservation", "the hand has not ended");
    }
    long in = 0;
    long out = 0;
    for (int seat : dealOrder) {
      in += before.getOrDefault(seat, 0L);
      Long a = after.get(seat);
      if (a == null) {
        return verdict("chips.conservation", false, "seat " + seat + " has no stack at the end");
      }
      out += a;
    }
    return verdict(
        "chips.conservation",
        in == out + ended.rake(),
        "stacks before " + in + " = stacks after " + out + " + rake " + ended.rake());
  }

  private static Check potsCheck(
      PublicEvent.HandEnded ended, long putIn, long returned, List<PokerHandRecall.Pot> pots) {
    if (ended == null) {
      return skipped("chips.pots", "the hand has not ended");
    }
    long potTotal = pots.stream().mapToLong(PokerHandRecall.Pot::amount).sum();
    long potRake = pots.stream().mapToLong(PokerHandRecall.Pot::rake).sum();
    if (putIn - returned != potTotal) {
      return verdict(
          "chips.pots",
          false,
          "blinds and moves put in "
              + putIn
              + " less "
              + returned
              + " returned, but the pots hold "
              + potTotal);
    }
    for (PokerHandRecall.Pot p : pots) {
      long awarded = p.awards().stream().mapToLong(PokerHandRecall.Award::amount).sum();
      if (awarded + p.rake() != p.amount()) {
        return verdict(
            "chips.pots",
            false,
            "pot " + p.index() + " of " + p.amount() + " paid " + awarded + " + rake " + p.rake());
      }
    }
    return verdict(
        "chips.pots",
        potRake == ended.rake(),
        "put in "
            + (putIn - returned)
            + " = pots "
            + potTotal
            + "; pot rake "
            + potRake
            + ", hand rake "
            + ended.rake());
  }

  private static Check ledgerRake(PublicEvent.HandEnded ended, Long posted) {
    if (ended == null) {
      return skipped("ledger.rake", "the hand has not ended");
    }
    long ledger = posted == null ? 0 : posted;
    return verdict(
        "ledger.rake",
        ledger == ended.rake(),
        "the hand's rake " + ended.rake() + ", the ledger's rake transaction " + posted);
  }

  private static Check historyCheck(
      List<HandRecords.HistoryAction> history, List<PokerHandRecall.Move> moves) {
    if (history == null) {
      return skipped("history.actions", "the workflow history was not read");
    }
    List<PokerHandRecall.Move> requested = moves.stream().filter(m -> !m.timedOut()).toList();
    int n = Math.max(requested.size(), history.size());
    for (int i = 0; i < n; i++) {
      PokerHandRecall.Move m = i < requested.size() ? requested.get(i) : null;
      HandRecords.HistoryAction h = i < history.size() ? history.get(i) : null;
      if (m == null || h == null || !sameMove(m, h)) {
        return verdict(
            "history.actions",
            false,
            "move "
                + (i + 1)
                + ": table.events "
                + (m == null ? "none" : "seat " + m.seat() + " " + m.kind())
                + ", the history "
                + (h == null ? "none" : "seat " + h.seat() + " " + h.kind()));
      }
    }
    return verdict(
        "history.actions", true, n + " requested moves, the same in table.events and the history");
  }

  // An all-in request shows on the table as the bet, raise or call it made, marked all-in.
  private static boolean sameMove(PokerHandRecall.Move m, HandRecords.HistoryAction h) {
    return m.seat() == h.seat()
        && (m.kind().equals(h.kind()) || ("ALL_IN".equals(h.kind()) && m.allIn()));
  }

  private static Check verdict(String name, boolean passed, String detail) {
    return new Check(name, passed ? Check.PASS : Check.FAIL, detail);
  }

  private static Check skipped(String name, String why) {
    return new Check(name, Check.SKIPPED, why);
  }
}
