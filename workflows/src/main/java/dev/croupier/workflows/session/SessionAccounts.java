package dev.croupier.workflows.session;

/**
 * The ledger accounts a session posts to, looked up once when it opens.
 *
 * @param player the player's account in the game's currency
 * @param house the house account (sharded by the wallet)
 * @param jackpotPool the progressive jackpot pool
 * @param currency the game's currency
 * @param playerBalance the player's balance when looked up
 */
public record SessionAccounts(
    long player, long house, long jackpotPool, String currency, long playerBalance) {}
