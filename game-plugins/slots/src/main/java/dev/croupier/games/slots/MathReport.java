package dev.croupier.games.slots;

import java.math.BigDecimal;

/**
 * The exact math of one slot version. Returns are per unit of total bet; probabilities per round.
 *
 * @param combinations reel stop combinations of one spin, all equally likely
 * @param hitCombinations base spins that return anything (a fixed win or the jackpot)
 * @param jackpotCombinations base spins that hit the jackpot combination
 * @param triggerCombinations spins that trigger (or retrigger) free spins
 * @param maxSpinUnits the largest single spin win, in line-bet units, before any multiplier
 * @param baseLineRtp line wins of the base spin
 * @param baseScatterRtp scatter wins of the base spin
 * @param freeSpinsRtp the free-spin feature
 * @param rtp the fixed-payout RTP: the three above; the progressive jackpot is extra
 * @param hitFrequency probability that a round returns anything
 * @param jackpotProbability probability that a round hits the jackpot
 * @param triggerProbability probability that a spin triggers free spins
 * @param expectedFreeSpins expected free spins per feature, retriggers and cap included
 * @param expectedFreeSpinsUncapped the same without the cap, F / (1 - F p), as a cross-check
 * @param freeSpinRtp one free spin's expected win per unit of total bet, before the multiplier
 * @param stdDevPerRound standard deviation of one round's fixed return per unit of total bet
 */
record MathReport(
    long combinations,
    long hitCombinations,
    long jackpotCombinations,
    long triggerCombinations,
    long maxSpinUnits,
    BigDecimal baseLineRtp,
    BigDecimal baseScatterRtp,
    BigDecimal freeSpinsRtp,
    BigDecimal rtp,
    BigDecimal hitFrequency,
    BigDecimal jackpotProbability,
    BigDecimal triggerProbability,
    BigDecimal expectedFreeSpins,
    BigDecimal expectedFreeSpinsUncapped,
    BigDecimal freeSpinRtp,
    BigDecimal stdDevPerRound) {}
