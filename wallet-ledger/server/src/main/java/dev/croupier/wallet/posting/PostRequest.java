package dev.croupier.wallet.posting;

import dev.croupier.wallet.ledger.Reference;
import dev.croupier.wallet.ledger.TransactionKind;
import java.util.List;
import java.util.Map;

/**
 * A request to post one balanced transaction.
 *
 * @param idempotencyKey 1 to 255 characters; the post happens at most once per key
 * @param reversesTransactionId the transaction a REVERSAL reverses, else 0
 * @param sweep a whole-balance move applied before the legs, or null; with one, the legs may be
 *     empty
 */
public record PostRequest(
    String idempotencyKey,
    TransactionKind kind,
    List<Leg> legs,
    Reference reference,
    Map<String, String> metadata,
    long reversesTransactionId,
    Sweep sweep) {

  public PostRequest {
    legs = List.copyOf(legs);
    reference = reference == null ? Reference.NONE : reference;
    metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
  }

  public PostRequest(
      String idempotencyKey,
      TransactionKind kind,
      List<Leg> legs,
      Reference reference,
      Map<String, String> metadata,
      long reversesTransactionId) {
    this(idempotencyKey, kind, legs, reference, metadata, reversesTransactionId, null);
  }

  public PostRequest(
      String idempotencyKey,
      TransactionKind kind,
      List<Leg> legs,
      Reference reference,
      Map<String, String> metadata) {
    this(idempotencyKey, kind, legs, reference, metadata, 0, null);
  }
}
