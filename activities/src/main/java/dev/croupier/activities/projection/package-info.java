/** The session projection in the game schema: idempotent upserts of sessions and rounds. */
package dev.croupier.activities.projection;
