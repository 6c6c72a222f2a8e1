package dev.croupier.realtime;

import static dev.croupier.wallet.testing.TestWallet.leg;

import dev.croupier.api.wallet.v1.AccountType;
import dev.croupier.api.wallet.v1.PostTransactionRequest;
import dev.croupier.api.wallet.v1.PostTransactionResponse;
import dev.croupier.api.wallet.v1.Reference;
import dev.croupier.api.wallet.v1.TransactionKind;
import dev.croupier.api.wallet.v1.WalletGrpc;
import dev.croupier.testsupport.PostgresDatabase;
import dev.croupier.wallet.testing.TestWallet;
import java.util.UUID;

/**
 * The real wallet application over the test database ({@link TestWallet}), its outbox relay
 * publishing to the given entries topic of the test broker, and helpers that post the way the
 * session workflow does.
 */
public final class RealtimeTestWallet implements AutoCloseable {
  private final TestWallet wallet;
  public final WalletGrpc.WalletBlockingStub stub;
  public final long house;
  public final long pool;
  public final long promo;

  public RealtimeTestWallet(PostgresDatabase db, String bootstrapServers, String entriesTopic) {
    wallet =
        TestWallet.over(db).posting(2, 128, 4096).outbox(bootstrapServers, entriesTopic).start();
    stub = wallet.stub();
    house = wallet.open("", AccountType.HOUSE);
    pool = wallet.open("", AccountType.JACKPOT_POOL);
    promo = wallet.open("", AccountType.PROMO);
  }

  /** Opens the player's COIN account and grants it {@code amount}; returns the account. */
  public long fundedPlayer(UUID userId, long amount) {
    return wallet.grant(userId, amount);
  }

  /**
   * One round as the session posts it: stake to the house, the win back, and the house's jackpot
   * contribution into the pool, in one BET_AND_WIN.
   */
  public PostTransactionResponse round(
      String key, long player, long stake, long win, long contribution) {
    PostTransactionRequest.Builder r =
        PostTransactionRequest.newBuilder()
            // The workers post rounds under session keys; the wallet refuses them any other.
            .setIdempotencyKey(key.startsWith("session-") ? key : "session-" + key)
            .setKind(TransactionKind.BET_AND_WIN)
            .setReference(Reference.newBuilder().setSessionId(key).setRound(1))
            .addLegs(leg(player, -stake))
            .addLegs(leg(house, stake));
    if (win > 0) {
      r.addLegs(leg(house, -win)).addLegs(leg(player, win));
    }
    if (contribution > 0) {
      r.addLegs(leg(house, -contribution)).addLegs(leg(pool, contribution));
    }
    return stub.postTransaction(r.build());
  }

  /**
   * A table as the table workflow posts it: the player's buy-in to its escrow, then the rake, under
   * {@code key} (which starts with {@code table-}, as the wallet requires of the workers).
   */
  public void tableRake(long player, String key, long rake) {
    long escrow = wallet.open(UUID.randomUUID().toString(), AccountType.TABLE_ESCROW);
    stub.postTransaction(
        PostTransactionRequest.newBuilder()
            .setIdempotencyKey(key + "/buyin")
            .setKind(TransactionKind.BUY_IN)
            .addLegs(leg(player, -10 * rake))
            .addLegs(leg(escrow, 10 * rake))
            .build());
    stub.postTransaction(
        PostTransactionRequest.newBuilder()
            .setIdempotencyKey(key + "/rake")
            .setKind(TransactionKind.RAKE)
            .addLegs(leg(escrow, -rake))
            .addLegs(leg(house, rake))
            .build());
  }

  public long balance(long account) {
    return wallet.balance(account);
  }

  @Override
  public void close() {
    wallet.close();
  }
}
