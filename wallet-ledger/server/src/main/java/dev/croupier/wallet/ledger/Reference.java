package dev.croupier.wallet.ledger;

/**
 * What a transaction is about: a game session and round, or a poker table. Empty strings and round
 * 0 mean "none".
 */
public record Reference(String sessionId, long round, String tableId) {
  public static final Reference NONE = new Reference("", 0, "");

  public Reference {
    sessionId = sessionId == null ? "" : sessionId;
    tableId = tableId == null ? "" : tableId;
  }

  public boolean isEmpty() {
    return sessionId.isEmpty() && round == 0 && tableId.isEmpty();
  }
}
