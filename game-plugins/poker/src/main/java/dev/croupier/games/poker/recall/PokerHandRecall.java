package dev.croupier.games.poker.recall;

import java.util.List;
import java.util.UUID;

/**
 * One poker hand rebuilt from the records alone, and what the records say of each other. Pure data:
 * serialised as JSON with these field names (see {@code workers/README.md}, "Poker hand recall"),
 * read back by the evidence verifier.
 *
 * @param tableId the table
 * @param handNumber the hand
 * @param button the button's seat
 * @param smallBlindSeat the small blind's seat
 * @param bigBlindSeat the big blind's seat
 * @param seats the seats dealt in, in deal order (left of the button first, button last)
 * @param blinds the blinds posted
 * @param deck the deck commitment, the revealed seed and the recomputed cards
 * @param actions every move, in order, with the street it was made on
 * @param board the community cards as recorded
 * @param showdown the hands shown
 * @param pots each pot with its rake and winners
 * @param rake the rake the hand recorded and the rake the ledger holds
 * @param checks every cross-check, in a fixed order
 * @param consistent whether every check that could run passed
 */
public record PokerHandRecall(
    UUID tableId,
    long handNumber,
    int button,
    int smallBlindSeat,
    int bigBlindSeat,
    List<Seat> seats,
    List<Blind> blinds,
    Deck deck,
    List<Move> actions,
    List<String> board,
    List<Shown> showdown,
    List<Pot> pots,
    Rake rake,
    List<Check> checks,
    boolean consistent) {

  /**
   * A seat dealt in.
   *
   * @param stackBefore its stack before the blinds
   * @param stackAfter its stack after the hand, or null if the hand has not ended
   * @param holeCards its hole cards: recomputed from the revealed seed, else those compliance
   *     opened, else empty
   */
  public record Seat(int seat, long stackBefore, Long stackAfter, List<String> holeCards) {}

  /** A blind posted. */
  public record Blind(int seat, boolean big, long amount, boolean allIn) {}

  /**
   * The deck's proof.
   *
   * @param epoch the seed epoch
   * @param commitment SHA-256 of the server seed, published before the epoch
   * @param serverSeed the revealed seed, or null while the epoch runs
   * @param clientSeed the table's client seed
   * @param nonce the hand number
   * @param dealOrder the seats in the order they were dealt
   * @param recomputedBoard the five board cards the seed deals (empty until revealed)
   */
  public record Deck(
      int epoch,
      String commitment,
      String serverSeed,
      String clientSeed,
      long nonce,
      List<Integer> dealOrder,
      List<String> recomputedBoard) {}

  /**
   * A move: {@code kind} is the table's ({@code FOLD} … {@code ALL_IN}); {@code added} the chips it
   * put in, {@code streetBet} the seat's street total after it, {@code stack} what it has behind.
   */
  public record Move(
      String street,
      int seat,
      String kind,
      long added,
      long streetBet,
      long stack,
      boolean allIn,
      boolean timedOut) {}

  /** A hand shown at the showdown, with its category. */
  public record Shown(int seat, List<String> cards, String category) {}

  /** A pot: its amount, its rake, the seats eligible and what each winner got. */
  public record Pot(
      int index, long amount, long rake, List<Integer> eligible, List<Award> awards) {}

  /** Chips a seat won from a pot. */
  public record Award(int seat, long amount) {}

  /**
   * The rake.
   *
   * @param recorded what the hand's end event says
   * @param posted what the ledger's rake transaction holds, or null when it holds none
   */
  public record Rake(Long recorded, Long posted) {}

  /**
   * One cross-check.
   *
   * @param name e.g. {@code rng.commitment}
   * @param verdict {@code PASS}, {@code FAIL}, or {@code SKIPPED} (its records are not there yet,
   *     e.g. the seed before the epoch ends)
   * @param detail what was compared, and on a failure both versions
   */
  public record Check(String name, String verdict, String detail) {
    public static final String PASS = "PASS";
    public static final String FAIL = "FAIL";
    public static final String SKIPPED = "SKIPPED";
  }
}
