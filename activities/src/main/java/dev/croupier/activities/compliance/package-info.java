/** What a session reports to compliance: alerts through the game context's outbox, counted. */
package dev.croupier.activities.compliance;
