/**
 * Realtime between gateway nodes over Kafka: lobby chat, jackpot values, leaderboards and the game
 * table list, consumed by every node and pushed to the sockets that subscribed.
 */
@NullMarked
package dev.croupier.gateway.realtime;

import org.jspecify.annotations.NullMarked;
