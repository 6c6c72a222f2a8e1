package dev.croupier.games.poker;

/**
 * What the seat to act may do, as the action clock and the client show it. Amounts are minor units;
 * {@code minTo} and {@code maxTo} are street totals, as {@link Action.Raise#to()} takes them.
 *
 * @param seat the seat to act
 * @param toCall chips a {@link Action.Call} adds (capped at the stack); 0 when the seat may check
 * @param canCheck whether nothing is owed
 * @param canBet whether nobody has bet on this street, so the seat may open with {@link Action.Bet}
 * @param canRaise whether the seat may {@link Action.Raise}: a bet is open, the seat has chips
 *     beyond the call, someone else can still act, and the betting is open to this seat (an all-in
 *     of less than a full raise does not reopen it for players who have already acted)
 * @param minTo the smallest bet or raise-to allowed (the whole stack if that is less)
 * @param maxTo the largest: the seat's street bet plus its stack
 */
public record LegalActions(
    int seat,
    long toCall,
    boolean canCheck,
    boolean canBet,
    boolean canRaise,
    long minTo,
    long maxTo) {}
