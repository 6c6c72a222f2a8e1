package dev.croupier.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.croupier.devstack.KafkaBroker;
import dev.croupier.devstack.Ports;
import dev.croupier.testsupport.KafkaExtension;
import dev.croupier.testsupport.KafkaTopics;
import dev.croupier.testsupport.Management;
import dev.croupier.testsupport.PostgresDatabase;
import dev.croupier.testsupport.PostgresExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The realtime app as the launcher runs it, on its own: it migrates its schema, consumes the real
 * wallet's entries from the broker, serves the boards over HTTP, publishes the jackpot pool (and
 * reports it on its management port with its readiness), and answers bad requests with problem
 * details carrying an error code.
 */
@ExtendWith({PostgresExtension.class, KafkaExtension.class})
class RealtimeApplicationTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void theAppRanksPlayersFromTheWalletsEntriesAndServesTheBoards(
      PostgresDatabase db, KafkaBroker kafka) throws Exception {
    String bootstrap = kafka.bootstrapServers();
    String entries = KafkaTopics.create(bootstrap, "wallet.entries", 3);
    String jackpot = KafkaTopics.create(bootstrap, "jackpot.updates", 1);
    int port = Ports.freePort();
    int managementPort = Ports.freePort();
    try (RealtimeTestWallet wallet = new RealtimeTestWallet(db, bootstrap, entries);
        ConfigurableApplicationContext app =
            new SpringApplicationBuilder(RealtimeApplication.class)
                .run(
                    "--spring.datasource.url=" + db.url(),
                    "--spring.datasource.username=croupier_realtime",
                    "--spring.datasource.password=" + db.password(),
                    "--server.port=" + port,
                    "--management.server.port=" + managementPort,
                    "--croupier.realtime.bootstrap-servers=" + bootstrap,
                    "--croupier.realtime.entries-topic=" + entries,
                    "--croupier.realtime.jackpot.topic=" + jackpot,
                    "--croupier.realtime.jackpot.interval=200ms",
                    "--croupier.realtime.leaderboard.refresh=1s",
                    "--croupier.realtime.leaderboard.group-id=realtime-app-" + UUID.randomUUID())) {
      String base = "http://127.0.0.1:" + port;
      Management management = Management.at(managementPort);
      Management.Health ready = management.readiness();
      assertThat(ready.httpStatus()).isEqualTo(200);
      assertThat(ready.components()).containsEntry("db", "UP").containsEntry("kafka", "UP");
      assertThat(management.liveness().status()).isEqualTo("UP");

      UUID user = UUID.randomUUID();
      long player = wallet.fundedPlayer(user, 10_000);
      wallet.round("rt-" + UUID.randomUUID(), player, 300, 0, 3);
      wallet.round("rt-" + UUID.randomUUID(), player, 200, 900, 2);

      String mine = base + "/realtime/leaderboards/total-wagered/daily/players/" + user;
      JsonNode standing =
          await()
              .atMost(Duration.ofSeconds(30))
              .until(
                  () -> get(mine), r -> r.status() == 200 && r.body().path("value").asLong() == 500)
              .body();
      assertThat(standing.path("rank").asLong()).isGreaterThanOrEqualTo(1);
      Reply top = get(base + "/realtime/leaderboards/biggest-win/all-time?n=100");
      assertThat(top.status()).isEqualTo(200);
      assertThat(top.body().valueStream().map(s -> s.path("value").asLong()))
          .as("the biggest win on the board")
          .contains(900L);

      // The pool the house paid into is published on the jackpot topic, and reported as a gauge.
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  KafkaTopics.readAll(bootstrap, jackpot, StringDeserializer.class).stream()
                      .anyMatch(r -> r.value() != null && r.value().contains("COIN")));
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () -> {
                String scrape = management.prometheus();
                assertThat(
                        Management.sum(scrape, "croupier_jackpot_pool", Map.of("currency", "COIN")))
                    .isEqualTo(5);
                assertThat(
                        Management.sum(
                            scrape,
                            "kafka_consumer_fetch_manager_records_consumed_total",
                            Map.of()))
                    .isPositive();
              });

      // The last hours' revenue (summed, in case the rounds straddle an hour): the two rounds'
      // stakes (300 + 200) and the 900 won.
      JsonNode hours =
          await()
              .atMost(Duration.ofSeconds(30))
              .until(
                  () -> get(base + "/realtime/revenue?hours=3").body(), h -> sum(h, "rounds") == 2);
      assertThat(hours.size()).isEqualTo(3);
      assertThat(sum(hours, "stakes")).isEqualTo(500);
      assertThat(sum(hours, "wins")).isEqualTo(900);
      assertThat(sum(hours, "ggr")).isEqualTo(-400);

      // Bad requests: problem details, each with its code.
      assertProblem(get(base + "/realtime/revenue?hours=0"), 400, "VALIDATION_FAILED");
      assertProblem(get(base + "/realtime/revenue?currency=coin"), 400, "VALIDATION_FAILED");
      assertProblem(
          get(base + "/realtime/leaderboards/most-spins/daily"), 400, "VALIDATION_FAILED");
      assertProblem(
          get(base + "/realtime/leaderboards/total-wagered/hourly"), 400, "VALIDATION_FAILED");
      assertProblem(
          get(base + "/realtime/leaderboards/total-wagered/daily?n=500"), 400, "VALIDATION_FAILED");
      assertProblem(
          get(base + "/realtime/leaderboards/total-wagered/daily/players/nobody"),
          400,
          "VALIDATION_FAILED");
      assertProblem(
          get(base + "/realtime/leaderboards/total-wagered/daily/players/" + UUID.randomUUID()),
          404,
          "NOT_RANKED");
    }
  }

  private record Reply(int status, JsonNode body) {}

  private static long sum(JsonNode hours, String field) {
    long total = 0;
    for (JsonNode h : hours) {
      total += h.path(field).asLong();
    }
    return total;
  }

  private Reply get(String url) throws Exception {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
            HttpResponse.BodyHandlers.ofString());
    return new Reply(r.statusCode(), JSON.readTree(r.body()));
  }

  private static void assertProblem(Reply r, int status, String code) {
    assertThat(r.status()).isEqualTo(status);
    assertThat(r.body().path("status").asInt()).isEqualTo(status);
    assertThat(r.body().path("code").asString()).isEqualTo(code);
    assertThat(r.body().path("type").asString()).startsWith("https://croupier.dev/problems/");
  }
}
