/** Game recall for players: their own rounds, read from the workers with the player's token. */
package dev.croupier.gateway.recall;
