package dev.croupier.wallet;

import static dev.croupier.wallet.WalletHarness.leg;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.croupier.api.wallet.v1.PostTransactionResponse;
import dev.croupier.api.wallet.v1.Reference;
import dev.croupier.api.wallet.v1.TransactionKind;
import dev.croupier.devstack.KafkaBroker;
import dev.croupier.outbox.OutboxRelay;
import dev.croupier.testsupport.KafkaExtension;
import dev.croupier.testsupport.PostgresDatabase;
import dev.croupier.testsupport.PostgresExtension;
import dev.croupier.wallet.api.WalletEntryEvent;
import dev.croupier.wallet.outbox.WalletOutbox;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith({PostgresExtension.class, KafkaExtension.class})
class OutboxRelayTest {

  @Test
  void everyPostedEntryIsPublishedKeyedByAccountWithTheDocumentedSchema(
      PostgresDatabase db, KafkaBroker kafka) {
    try (WalletHarness w = WalletHarness.start(db);
        OutboxRelay relay =
            new OutboxRelay(
                w.dataSource,
                new WalletOutbox("wallet.entries"),
                new OutboxRelay.Settings(
                    "wallet-outbox",
                    kafka.bootstrapServers(),
                    100,
                    Duration.ofMillis(50),
                    Duration.ofSeconds(30)));
        EntryTopic topic = new EntryTopic(kafka.bootstrapServers())) {
      w.engine.onCommit(relay::wakeUp);
      relay.start();
      long house = w.house("COIN");
      long player = w.fundedPlayer(1_000);
      PostTransactionResponse bet =
          w.wallet.postTransaction(
              WalletHarness.request(
                      "ob-bet", TransactionKind.BET_AND_WIN, leg(player, 50), leg(house, -50))
                  .toBuilder()
                  .setReference(
                      Reference.newBuilder().setSessionId("sess-ob").setRound(3).setTableId("t-1"))
                  .build());

      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> w.queryLong("select count(*) from wallet.outbox") == 0);
      List<EntryTopic.Read> mine =
          await()
              .atMost(Duration.ofSeconds(30))
              .until(
                  () ->
                      topic.poll().stream()
                          .filter(r -> r.event().idempotencyKey().equals("ob-bet"))
                          .toList(),
                  l -> l.size() == 2);

      EntryTopic.Read p =
          mine.stream().filter(r -> r.event().accountId() == player).findFirst().orElseThrow();
      WalletEntryEvent e = p.event();
      assertThat(p.key()).isEqualTo(Long.toString(player));
      assertThat(p.schemaHeader()).isEqualTo("1");
      assertThat(e.schemaVersion()).isEqualTo(1);
      assertThat(e.transactionId()).isEqualTo(bet.getTransactionId());
      assertThat(e.currency()).isEqualTo("COIN");
      assertThat(e.amount()).isEqualTo(50);
      assertThat(e.balanceAfter()).isEqualTo(1_050);
      assertThat(e.kind()).isEqualTo("BET_AND_WIN");
      assertThat(e.sessionId()).isEqualTo("sess-ob");
      assertThat(e.round()).isEqualTo(3);
      assertThat(e.tableId()).isEqualTo("t-1");
      assertThat(e.accountType()).isEqualTo("PLAYER");
      assertThat(e.ownerId())
          .isEqualTo(
              w.queryString("select owner_id::text from wallet.account where id = " + player));
      WalletEntryEvent houseSide =
          mine.stream()
              .filter(r -> r.event().accountId() == house)
              .findFirst()
              .orElseThrow()
              .event();
      assertThat(houseSide.accountType()).isEqualTo("HOUSE");
      assertThat(houseSide.ownerId()).isEmpty();
      assertThat(e.entryId())
          .isEqualTo(
              w.queryLong(
                  "select id from wallet.entry where transaction_id = "
                      + bet.getTransactionId()
                      + " and account_id = "
                      + player));
      assertThat(relay.published()).isGreaterThanOrEqualTo(4);
    }
  }
}
