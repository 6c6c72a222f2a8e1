package dev.croupier.gateway.identity;

/** A player's balance as the wallet has it, for the WebSocket gateway's {@code balance.get}. */
public interface PlayerBalances {
  /**
   * The committed balance of the player's account in {@code currency}, opening the account if it
   * does not exist yet (idempotent). Safe to call any number of times.
   *
   * @throws dev.croupier.errors.CroupierException with the wallet's code ({@code
   *     CURRENCY_DISABLED}, …) or {@code UNAVAILABLE} when the wallet does not answer in time
   */
  long balance(java.util.UUID userId, String currency);
}
