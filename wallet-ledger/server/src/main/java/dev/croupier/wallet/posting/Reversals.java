package dev.croupier.wallet.posting;

import dev.croupier.errors.ErrorCode;
import dev.croupier.wallet.history.EntryView;
import dev.croupier.wallet.history.TransactionView;
import dev.croupier.wallet.ledger.LedgerException;
import dev.croupier.wallet.ledger.Reference;
import dev.croupier.wallet.ledger.TransactionKind;
import java.util.List;
import java.util.Map;

/** Builds the post that reverses a transaction: every entry negated, on the same sub-account. */
public final class Reversals {
  private Reversals() {}

  /**
   * The REVERSAL of {@code original}, posted under {@code idempotencyKey}.
   *
   * @throws LedgerException VALIDATION_FAILED when {@code original} is itself a reversal
   */
  public static PostRequest of(
      String idempotencyKey,
      TransactionView original,
      Reference reference,
      Map<String, String> metadata) {
    if (original.kind() == TransactionKind.REVERSAL) {
      throw new LedgerException(ErrorCode.VALIDATION_FAILED, "a reversal cannot be reversed");
    }
    List<Leg> legs =
        original.entries().stream()
            .map((EntryView e) -> new Leg(e.accountId(), e.currency(), -e.amount(), e.subAccount()))
            .toList();
    return new PostRequest(
        idempotencyKey, TransactionKind.REVERSAL, legs, reference, metadata, original.id());
  }
}
