package dev.croupier.gateway.identity;

import dev.croupier.api.wallet.v1.AccountType;
import dev.croupier.testsupport.PostgresDatabase;

/**
 * The real wallet server over the test class's database, as the gateway's tests use it: wallet
 * -ledger's shared {@link dev.croupier.wallet.testing.TestWallet} sized for a gateway stack. It can
 * be stopped and started again on the same port, to play an outage.
 */
public final class TestWallet implements AutoCloseable {
  private final dev.croupier.wallet.testing.TestWallet wallet;

  private TestWallet(dev.croupier.wallet.testing.TestWallet wallet) {
    this.wallet = wallet;
  }

  public static TestWallet start(PostgresDatabase db) {
    return new TestWallet(
        dev.croupier.wallet.testing.TestWallet.over(db)
            .set("spring.datasource.hikari.maximum-pool-size", 8)
            .posting(2, 64, 1024)
            .start());
  }

  /** Starts the wallet (again) on its port. */
  void restart() {
    wallet.restart();
  }

  void stop() {
    wallet.stop();
  }

  public String target() {
    return wallet.target();
  }

  /**
   * The gateway's wallet client properties: the target and the {@code api-gateway} certificate
   * issued by this wallet's test CA.
   */
  public java.util.Map<String, String> gatewayProperties() {
    dev.croupier.wallet.api.ServiceTls tls =
        wallet.tls(dev.croupier.wallet.api.ServiceNames.GATEWAY);
    return java.util.Map.of(
        "croupier.wallet.target", wallet.target(),
        "croupier.wallet.tls.certificate", tls.certificate().toString(),
        "croupier.wallet.tls.private-key", tls.privateKey().toString(),
        "croupier.wallet.tls.trusted-ca", tls.trustedCa().toString(),
        // The staff API serves with the same certificate; on a free port, as tests run side by
        // side.
        "croupier.identity.staff-api.port", "0");
  }

  /** The environment of an app process that calls this wallet as {@code service}. */
  public java.util.Map<String, String> clientEnvironment(String service) {
    return wallet.clientEnvironment(service);
  }

  /** {@code service}'s certificate, key and CA, issued by this wallet's test CA. */
  public dev.croupier.wallet.api.ServiceTls tls(String service) {
    return wallet.tls(service);
  }

  /** A stub that presents {@code service}'s certificate (see {@code ServiceNames}). */
  public dev.croupier.api.wallet.v1.WalletGrpc.WalletBlockingStub stub(String service) {
    return wallet.stub(service);
  }

  /** The player's COIN balance, read through the wallet's API. */
  public long balance(String userId) {
    return wallet.balance(userId, AccountType.PLAYER);
  }

  @Override
  public void close() {
    wallet.close();
  }
}
