package dev.croupier.workers.recall;

import dev.croupier.api.wallet.v1.WalletGrpc;
import dev.croupier.games.api.GameRegistry;
import dev.croupier.gamestore.recall.RoundRecords;
import dev.croupier.gamestore.tables.TableEventLog;
import dev.croupier.workers.table.TableProperties;
import io.micrometer.core.instrument.MeterRegistry;
import io.temporal.client.WorkflowClient;
import org.jooq.DSLContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class RecallConfiguration {
  @Bean
  GameRecall gameRecall(
      DSLContext dsl,
      WorkflowClient temporal,
      WalletGrpc.WalletBlockingStub wallet,
      GameRegistry games) {
    return new GameRecall(new RoundRecords(dsl), temporal, wallet, games);
  }

  @Bean
  HandRecall handRecall(
      DSLContext dsl,
      WorkflowClient temporal,
      WalletGrpc.WalletBlockingStub wallet,
      GameRegistry games,
      TableProperties tables,
      MeterRegistry meters) {
    return new HandRecall(
        new TableEventLog(dsl, tables.eventsTopic()), temporal, wallet, games, meters);
  }

  @Bean
  HistoryReplay historyReplay(WorkflowClient temporal, MeterRegistry meters) {
    return new HistoryReplay(temporal, meters);
  }
}
