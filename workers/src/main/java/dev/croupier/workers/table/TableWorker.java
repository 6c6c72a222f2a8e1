package dev.croupier.workers.table;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.croupier.activities.table.HoleCardSealer;
import dev.croupier.activities.table.TableEventActivitiesImpl;
import dev.croupier.activities.table.TableLedgerActivitiesImpl;
import dev.croupier.api.wallet.v1.WalletGrpc;
import dev.croupier.gamestore.tables.TableEventOutbox;
import dev.croupier.workflows.table.TableWorkflowImpl;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.temporal.worker.Worker;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers the table workflow and its table activities on a worker that already serves sessions
 * (whose seed activity the tables share). Tables run as local activities only, like sessions, so
 * they share the session task queue and worker tuning.
 */
public final class TableWorker {
  private static final Logger log = LoggerFactory.getLogger(TableWorker.class);

  private TableWorker() {}

  /** Adds the table workflow and activities to {@code worker}; call before the factory starts. */
  public static void register(
      Worker worker,
      WalletGrpc.WalletBlockingStub wallet,
      Duration walletDeadline,
      DSLContext dsl,
      HoleCardSealer sealer,
      String eventsTopic,
      String lobbyTopic) {
    register(
        worker,
        wallet,
        walletDeadline,
        dsl,
        sealer,
        eventsTopic,
        lobbyTopic,
        new CompositeMeterRegistry());
  }

  /** The same, with the activities' meters going to {@code meters}. */
  public static void register(
      Worker worker,
      WalletGrpc.WalletBlockingStub wallet,
      Duration walletDeadline,
      DSLContext dsl,
      HoleCardSealer sealer,
      String eventsTopic,
      String lobbyTopic,
      MeterRegistry meters) {
    worker.registerWorkflowImplementationTypes(TableWorkflowImpl.class);
    worker.registerActivitiesImplementations(
        new TableLedgerActivitiesImpl(wallet, walletDeadline),
        new TableEventActivitiesImpl(
            new TableEventOutbox(dsl),
            new ObjectMapper(),
            sealer,
            eventsTopic,
            lobbyTopic,
            meters));
  }

  /** The configured compliance key's sealer, or one for an ephemeral key nobody holds. */
  public static HoleCardSealer sealer(String compliancePublicKey) {
    if (compliancePublicKey != null && !compliancePublicKey.isBlank()) {
      return HoleCardSealer.fromBase64(compliancePublicKey);
    }
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(3072);
      HoleCardSealer sealer = new HoleCardSealer(generator.generateKeyPair().getPublic());
      log.warn(
          "croupier.tables.compliance-public-key is not set: private deals are sealed for an ephemeral"
              + " key {} whose private half was dropped",
          sealer.keyId());
      return sealer;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
