/** The projection of game sessions and rounds: group-committed, idempotent upserts. */
package dev.croupier.gamestore.projection;
