package dev.croupier.wallet.api;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Timestamp;
import dev.croupier.api.wallet.v1.EntryEvent;
import java.time.Instant;

/**
 * One committed ledger entry as published on {@code wallet.entries}, decoded from the record value
 * (protobuf {@code croupier.wallet.v1.EntryEvent}). Consumers deduplicate by {@link #entryId()}.
 *
 * @param accountType the account's type name ({@code PLAYER}, {@code JACKPOT_POOL} …); empty on
 *     records published before the field existed
 * @param ownerId the account's owner as a UUID string (the user of a PLAYER account); empty for
 *     system accounts
 */
public record WalletEntryEvent(
    int schemaVersion,
    long entryId,
    long transactionId,
    long accountId,
    int subAccount,
    String currency,
    long amount,
    long balanceAfter,
    String kind,
    String sessionId,
    long round,
    String tableId,
    Instant createdAt,
    String idempotencyKey,
    long reversesTransactionId,
    String accountType,
    String ownerId) {

  /** The schema version this code writes and reads. */
  public static final int SCHEMA_VERSION = 1;

  /** Record header that repeats the schema version, so consumers can route before parsing. */
  public static final String SCHEMA_VERSION_HEADER = "schema-version";

  /** Decodes a record value. */
  public static WalletEntryEvent decode(byte[] value) {
    try {
      EntryEvent e = EntryEvent.parseFrom(value);
      if (e.getSchemaVersion() != SCHEMA_VERSION) {
        throw new IllegalArgumentException("Unsupported schema_version " + e.getSchemaVersion());
      }
      Timestamp t = e.getCreatedAt();
      return new WalletEntryEvent(
          e.getSchemaVersion(),
          e.getEntryId(),
          e.getTransactionId(),
          e.getAccountId(),
          e.getSubAccount(),
          e.getCurrency(),
          e.getAmount(),
          e.getBalanceAfter(),
          e.getKind(),
          e.getSessionId(),
          e.getRound(),
          e.getTableId(),
          Instant.ofEpochSecond(t.getSeconds(), t.getNanos()),
          e.getIdempotencyKey(),
          e.getReversesTransactionId(),
          e.getAccountType(),
          e.getOwnerId());
    } catch (InvalidProtocolBufferException ex) {
      throw new IllegalArgumentException("Not a wallet entry event", ex);
    }
  }

  /** Encodes this event as a record value. */
  public byte[] encode() {
    return EntryEvent.newBuilder()
        .setSchemaVersion(schemaVersion)
        .setEntryId(entryId)
        .setTransactionId(transactionId)
        .setAccountId(accountId)
        .setSubAccount(subAccount)
        .setCurrency(currency)
        .setAmount(amount)
        .setBalanceAfter(balanceAfter)
        .setKind(kind)
        .setSessionId(sessionId)
        .setRound(round)
        .setTableId(tableId)
        .setCreatedAt(
            Timestamp.newBuilder()
                .setSeconds(createdAt.getEpochSecond())
                .setNanos(createdAt.getNano()))
        .setIdempotencyKey(idempotencyKey)
        .setReversesTransactionId(reversesTransactionId)
        .setAccountType(accountType)
        .setOwnerId(ownerId)
        .build()
        .toByteArray();
  }
}
