package dev.croupier.wallet.history;

import static dev.croupier.db.jooq.wallet.Tables.TRANSACTION;

import dev.croupier.errors.ErrorCode;
import dev.croupier.wallet.ledger.LedgerException;
import java.util.List;
import java.util.OptionalLong;
import org.jooq.DSLContext;

/** Reads committed transactions and entries; each call is one read-only database transaction. */
public final class LedgerHistory {
  public static final int DEFAULT_PAGE = 100;
  public static final int MAX_PAGE = 1000;

  private final DSLContext dsl;
  private final HistoryRepository repository = new HistoryRepository();

  public LedgerHistory(DSLContext dsl) {
    this.dsl = dsl;
  }

  /**
   * The transaction with this ID.
   *
   * @throws LedgerException UNKNOWN_TRANSACTION
   */
  public TransactionView transaction(long id) {
    return dsl.transactionResult(c -> repository.transaction(c.dsl(), TRANSACTION.ID.eq(id)))
        .orElseThrow(() -> unknown("no transaction " + id));
  }

  /**
   * The transaction posted with this idempotency key: how a caller reconciles an unknown outcome.
   *
   * @throws LedgerException UNKNOWN_TRANSACTION
   */
  public TransactionView transactionByKey(String idempotencyKey) {
    return dsl.transactionResult(
            c -> repository.transaction(c.dsl(), TRANSACTION.IDEMPOTENCY_KEY.eq(idempotencyKey)))
        .orElseThrow(() -> unknown("no transaction with key " + idempotencyKey));
  }

  /**
   * A page of entries in ascending ID order, or descending when the query asks for the newest
   * first; the page's cursor continues in the same order.
   *
   * @throws LedgerException VALIDATION_FAILED for a page size outside 0..1000
   */
  public EntryPage entries(EntryQuery query) {
    if (query.pageSize() < 0 || query.pageSize() > MAX_PAGE) {
      throw new LedgerException(ErrorCode.VALIDATION_FAILED, "page size must be 1..1000");
    }
    int size = query.pageSize() == 0 ? DEFAULT_PAGE : query.pageSize();
    var rows = dsl.transactionResult(c -> repository.entries(c.dsl(), query, size + 1));
    if (rows.size() > size) {
      List<EntryView> page = rows.subList(0, size);
      return new EntryPage(List.copyOf(page), OptionalLong.of(page.get(size - 1).entryId()));
    }
    return new EntryPage(List.copyOf(rows), OptionalLong.empty());
  }

  private static LedgerException unknown(String message) {
    return new LedgerException(ErrorCode.UNKNOWN_TRANSACTION, message);
  }
}
