/**
 * No-Limit Texas Hold'em: a pure, deterministic table engine ({@link
 * dev.croupier.games.poker.PokerEngine}) for the table workflow to drive, a table-based 7-card
 * evaluator ({@link dev.croupier.games.poker.HandEvaluator}), and provably fair deals that anyone
 * can recompute ({@link dev.croupier.games.poker.PokerDeal}).
 */
package dev.croupier.games.poker;
