package dev.croupier.wallet.posting;

import dev.croupier.errors.ErrorCode;
import dev.croupier.wallet.accounts.AccountCatalog;
import dev.croupier.wallet.ledger.LedgerException;
import dev.croupier.wallet.ledger.Reference;
import dev.croupier.wallet.ledger.TransactionKind;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/** Checks of a post that need no database, and the request hash that idempotency compares. */
final class RequestValidator {
  static final int MAX_KEY_CHARS = 255;
  static final int MAX_REFERENCE_CHARS = 64;
  static final int MAX_METADATA_ENTRIES = 32;
  static final int MAX_METADATA_CHARS = 256;

  private final AccountCatalog catalog;
  private final int maxLegs;

  RequestValidator(AccountCatalog catalog, int maxLegs) {
    this.catalog = catalog;
    this.maxLegs = maxLegs;
  }

  /**
   * Validates {@code r} and returns its hash.
   *
   * @throws LedgerException with the first problem found
   */
  byte[] validate(PostRequest r) {
    String key = r.idempotencyKey();
    if (key == null || key.isEmpty() || key.indexOf('\0') >= 0) {
      throw fail(ErrorCode.VALIDATION_FAILED, "the idempotency key is empty or contains NUL");
    }
    if (key.codePointCount(0, key.length()) > MAX_KEY_CHARS) {
      throw fail(ErrorCode.KEY_TOO_LONG, "the idempotency key has more than 255 characters");
    }
    if (r.kind() == null) {
      throw fail(ErrorCode.VALIDATION_FAILED, "no transaction kind");
    }
    if ((r.kind() == TransactionKind.REVERSAL) != (r.reversesTransactionId() > 0)) {
      throw fail(ErrorCode.VALIDATION_FAILED, "REVERSAL is posted only by ReverseTransaction");
    }
    Sweep sweep = r.sweep();
    if (r.legs().size() + (sweep == null ? 0 : 2) > maxLegs) {
      throw fail(ErrorCode.TOO_MANY_LEGS, "at most " + maxLegs + " legs");
    }
    if (r.legs().isEmpty() && sweep == null) {
      throw fail(ErrorCode.VALIDATION_FAILED, "no legs");
    }
    if (sweep != null) {
      if (sweep.fromAccountId() <= 0 || sweep.toAccountId() <= 0) {
        throw fail(ErrorCode.UNKNOWN_ACCOUNT, "no account to sweep from or to");
      }
      if (sweep.fromAccountId() == sweep.toAccountId()) {
        throw fail(ErrorCode.VALIDATION_FAILED, "a sweep needs two accounts");
      }
      if (sweep.currency() == null || sweep.currency().isEmpty()) {
        throw fail(ErrorCode.VALIDATION_FAILED, "a sweep has no currency");
      }
      if (r.reversesTransactionId() > 0) {
        throw fail(ErrorCode.VALIDATION_FAILED, "a reversal cannot sweep");
      }
    }
    checkReference(r.reference());
    checkMetadata(r.metadata());
    Map<String, Long> sums = new HashMap<>();
    for (Leg leg : r.legs()) {
      if (leg.accountId() <= 0) {
        throw fail(ErrorCode.UNKNOWN_ACCOUNT, "no account " + leg.accountId());
      }
      if (leg.amount() == 0 || leg.amount() == Long.MIN_VALUE) {
        throw fail(ErrorCode.INVALID_AMOUNT, "a leg amount is zero or out of range");
      }
      if (leg.currency() == null || leg.currency().isEmpty()) {
        throw fail(ErrorCode.VALIDATION_FAILED, "a leg has no currency");
      }
      try {
        sums.merge(leg.currency(), leg.amount(), Math::addExact);
      } catch (ArithmeticException e) {
        throw fail(ErrorCode.INVALID_AMOUNT, "the legs overflow a 64-bit sum");
      }
    }
    for (var sum : sums.entrySet()) {
      if (sum.getValue() != 0) {
        throw fail(
            ErrorCode.UNBALANCED,
            "legs in %s sum to %d, not 0".formatted(sum.getKey(), sum.getValue()));
      }
    }
    for (String currency : sums.keySet()) {
      catalog.usableCurrency(currency);
    }
    if (sweep != null) {
      catalog.usableCurrency(sweep.currency());
    }
    return hash(r);
  }

  private static void checkReference(Reference ref) {
    if (ref.sessionId().length() > MAX_REFERENCE_CHARS
        || ref.tableId().length() > MAX_REFERENCE_CHARS
        || ref.round() < 0
        || ref.sessionId().indexOf('\0') >= 0
        || ref.tableId().indexOf('\0') >= 0) {
      throw fail(ErrorCode.VALIDATION_FAILED, "bad reference");
    }
  }

  private static void checkMetadata(Map<String, String> metadata) {
    if (metadata.size() > MAX_METADATA_ENTRIES) {
      throw fail(ErrorCode.VALIDATION_FAILED, "at most 32 metadata entries");
    }
    for (var e : metadata.entrySet()) {
      if (e.getKey().isEmpty()
          || e.getKey().length() > MAX_METADATA_CHARS
          || e.getValue().length() > MAX_METADATA_CHARS
          || e.getKey().indexOf('\0') >= 0
          || e.getValue().indexOf('\0') >= 0) {
        throw fail(ErrorCode.VALIDATION_FAILED, "bad metadata entry");
      }
    }
  }

  /** SHA-256 over a canonical, length-prefixed encoding of every field of the request. */
  static byte[] hash(PostRequest r) {
    MessageDigest d;
    try {
      d = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    ByteBuffer b = ByteBuffer.allocate(8);
    put(d, "croupier.wallet.post.v1");
    put(d, r.idempotencyKey());
    put(d, r.kind().name());
    putLong(d, b, r.legs().size());
    for (Leg leg : r.legs()) {
      putLong(d, b, leg.accountId());
      put(d, leg.currency());
      putLong(d, b, leg.amount());
      putLong(d, b, leg.subAccount());
    }
    put(d, r.reference().sessionId());
    putLong(d, b, r.reference().round());
    put(d, r.reference().tableId());
    Map<String, String> sorted = new TreeMap<>(r.metadata());
    putLong(d, b, sorted.size());
    for (var e : sorted.entrySet()) {
      put(d, e.getKey());
      put(d, e.getValue());
    }
    putLong(d, b, r.reversesTransactionId());
    // Only posts with a sweep hash it, so every earlier post keeps its hash.
    if (r.sweep() != null) {
      put(d, "sweep");
      putLong(d, b, r.sweep().fromAccountId());
      putLong(d, b, r.sweep().toAccountId());
      put(d, r.sweep().currency());
    }
    return d.digest();
  }

  /** A well-mixed, non-negative hash of the key: picks the committer and the house sub-account. */
  static int route(String idempotencyKey) {
    int h = idempotencyKey.hashCode();
    h ^= h >>> 16;
    h *= 0x85ebca6b;
    h ^= h >>> 13;
    h *= 0xc2b2ae35;
    h ^= h >>> 16;
    return h & 0x7fffffff;
  }

  private static void put(MessageDigest d, String s) {
    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
    d.update(ByteBuffer.allocate(4).putInt(bytes.length).array());
    d.update(bytes);
  }

  private static void putLong(MessageDigest d, ByteBuffer b, long v) {
    b.clear();
    b.putLong(v);
    d.update(b.array());
  }

  private static LedgerException fail(ErrorCode code, String message) {
    return new LedgerException(code, message);
  }
}
