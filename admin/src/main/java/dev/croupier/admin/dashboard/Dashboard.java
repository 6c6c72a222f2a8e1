package dev.croupier.admin.dashboard;

import dev.croupier.admin.AdminProperties;
import dev.croupier.admin.ledger.LiveLedger;
import dev.croupier.admin.platform.AdminWallet;
import dev.croupier.api.wallet.v1.AccountType;
import io.temporal.client.WorkflowClient;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The dashboard's figures, each from where it lives: bets per second from the live ledger, gross
 * gaming revenue per hour from the realtime app, jackpot pools from the wallet, open sessions and
 * tables from Temporal's visibility, players online and outbox lag from Prometheus when one is
 * configured. A source that does not answer within two seconds is named as unavailable; the other
 * figures still show.
 */
public final class Dashboard {
  private static final Duration TIMEOUT = Duration.ofSeconds(2);
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final BetRate bets;
  private final AdminWallet wallet;
  private final WorkflowClient temporal;
  private final AdminProperties properties;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

  public Dashboard(
      LiveLedger ledger,
      AdminWallet wallet,
      WorkflowClient temporal,
      AdminProperties properties,
      Clock clock) {
    this.bets = new BetRate(clock);
    this.wallet = wallet;
    this.temporal = temporal;
    this.properties = properties;
    ledger.onEntry(bets::accept);
  }

  /** Every figure, as the page's script reads it. */
  public Map<String, Object> figures(String currency) {
    CompletableFuture<Object> revenue = async(() -> revenue(currency));
    CompletableFuture<Object> pool =
        async(() -> wallet.balance(wallet.systemAccount(AccountType.JACKPOT_POOL, currency)));
    CompletableFuture<Object> sessions =
        async(() -> temporal.countWorkflows("CroupierSessionStatus = 'OPEN'").getCount());
    CompletableFuture<Object> tables =
        async(
            () ->
                temporal
                    .countWorkflows(
                        "WorkflowType = 'PokerTableWorkflow' AND ExecutionStatus = 'Running'")
                    .getCount());
    CompletableFuture<Object> online = async(() -> prometheus("sum(croupier_gateway_sockets)"));
    CompletableFuture<Object> outboxLag =
        async(() -> prometheus("max(croupier_outbox_oldest_age_seconds)"));
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("currency", currency);
    out.put("betsPerSecond", bets.series());
    out.put("revenue", figure(revenue, "the realtime app"));
    out.put("jackpotPool", figure(pool, "the wallet"));
    out.put("openSessions", figure(sessions, "Temporal"));
    out.put("openTables", figure(tables, "Temporal"));
    out.put("playersOnline", figure(online, "Prometheus"));
    out.put("outboxLagSeconds", figure(outboxLag, "Prometheus"));
    return out;
  }

  private List<Map<String, Object>> revenue(String currency) throws Exception {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(
                    URI.create(
                        properties.realtimeUrl()
                            + "/realtime/revenue?hours=24&currency="
                            + URLEncoder.encode(currency, StandardCharsets.UTF_8)))
                .timeout(TIMEOUT)
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IllegalStateException("HTTP " + r.statusCode());
    }
    List<Map<String, Object>> hours = new ArrayList<>();
    for (JsonNode h : JSON.readTree(r.body())) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("hour", h.path("hour").asString());
      m.put("ggr", h.path("ggr").asLong());
      m.put("stakes", h.path("stakes").asLong());
      m.put("rounds", h.path("rounds").asLong());
      hours.add(m);
    }
    return hours;
  }

  private Object prometheus(String query) throws Exception {
    if (properties.prometheusUrl().isBlank()) {
      throw new IllegalStateException("no Prometheus configured (croupier.admin.prometheus-url)");
    }
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(
                    URI.create(
                        properties.prometheusUrl()
                            + "/api/v1/query?query="
                            + URLEncoder.encode(query, StandardCharsets.UTF_8)))
                .timeout(TIMEOUT)
                .build(),
            HttpResponse.BodyHandlers.ofString());
    JsonNode result = JSON.readTree(r.body()).path("data").path("result");
    if (r.statusCode() != 200 || !result.isArray()) {
      throw new IllegalStateException("HTTP " + r.statusCode());
    }
    return result.isEmpty() ? 0 : Double.parseDouble(result.get(0).path("value").get(1).asString());
  }

  private static CompletableFuture<Object> async(Callable call) {
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            return call.call();
          } catch (Exception e) {
            throw new IllegalStateException(e.getMessage(), e);
          }
        },
        r -> Thread.ofVirtual().start(r));
  }

  private static Map<String, Object> figure(CompletableFuture<Object> f, String source) {
    try {
      return Map.of("value", f.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
    } catch (Exception e) {
      return Map.of("unavailable", source);
    }
  }

  @FunctionalInterface
  private interface Callable {
    Object call() throws Exception;
  }
}
