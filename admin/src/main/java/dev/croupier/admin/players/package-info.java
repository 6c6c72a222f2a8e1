/**
 * Players as staff see them: search, the player's page (profile and sign-ins from identity, money
 * from the wallet, sessions from Temporal, adjustments), and the lock and sign-out actions.
 */
package dev.croupier.admin.players;
