package dev.croupier.realtime.leaderboard;

import java.time.Instant;

/**
 * One hour of one currency's gross gaming revenue, in minor units.
 *
 * @param hour the hour's start (UTC)
 * @param stakes what players staked in rounds
 * @param wins what players won, jackpots included
 * @param rake what the house took at tables
 * @param ggr {@code stakes - wins + rake}
 * @param rounds rounds played
 */
public record HourlyRevenue(
    Instant hour, long stakes, long wins, long rake, long ggr, long rounds) {}
