/**
 * The player's own history over HTTP: the currencies and their scales, the transactions of the
 * player's account from the wallet, and the recall of their own rounds from the workers.
 */
package dev.croupier.gateway.history;
