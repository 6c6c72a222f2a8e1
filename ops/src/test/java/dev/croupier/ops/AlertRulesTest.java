package dev.croupier.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The alerts, scrape configurations and dashboard that ops run the platform by, checked with the
 * real promtool: they parse, every alert's unit tests pass (each fires on purpose and stays quiet
 * when all is well), and every dashboard query is valid PromQL.
 */
class AlertRulesTest {
  private static final Path PROMETHEUS = Path.of("prometheus").toAbsolutePath();
  private static final Path DASHBOARD = Path.of("grafana/croupier-dashboard.json");

  /** The alerts the README's "Operating Croupier" section explains, one runbook entry each. */
  static final Set<String> ALERTS =
      Set.of(
          "CroupierOutboxLagging",
          "CroupierRelayFailing",
          "CroupierBetLatencyHigh",
          "CroupierWorkflowTaskFailures",
          "CroupierNonDeterminism",
          "CroupierWalletErrors",
          "CroupierGatewayNodeDown",
          "CroupierAppDown",
          "CroupierDependencyDown",
          "CroupierComplianceAlertOpen",
          "CroupierEvidenceExportsUnavailable");

  @Test
  void theRulesParse() throws Exception {
    Promtool.Result r = Promtool.run(PROMETHEUS, "check", "rules", "alerts.yml");
    assertThat(r.exitCode()).as(r.output()).isZero();
    assertThat(r.output()).contains("SUCCESS: 13 rules found");
  }

  @Test
  void everyAlertFiresInItsUnitTestsAndStaysQuietWhenAllIsWell() throws Exception {
    Promtool.Result r = Promtool.run(PROMETHEUS, "test", "rules", "alerts_test.yml");
    assertThat(r.exitCode()).as(r.output()).isZero();
    assertThat(r.output()).contains("SUCCESS");
    String tests = Files.readString(PROMETHEUS.resolve("alerts_test.yml"));
    for (String alert : ALERTS) {
      assertThat(tests).as("a unit test of " + alert).contains("alertname: " + alert);
    }
    String rules = Files.readString(PROMETHEUS.resolve("alerts.yml"));
    assertThat(alertsIn(rules)).isEqualTo(new TreeSet<>(ALERTS));
  }

  @Test
  void aUnitTestThatExpectsTheWrongAlertFails(@TempDir Path dir) throws Exception {
    Files.copy(PROMETHEUS.resolve("alerts.yml"), dir.resolve("alerts.yml"));
    Files.writeString(
        dir.resolve("wrong_test.yml"),
        Files.readString(PROMETHEUS.resolve("alerts_test.yml"))
            .replace("outbox is 2m 20s behind", "outbox is 2m 21s behind"));
    Promtool.Result r = Promtool.run(dir, "test", "rules", "wrong_test.yml");
    assertThat(r.exitCode()).isNotZero();
    assertThat(r.output()).contains("FAILED");
  }

  @Test
  void theScrapeConfigurationsParse() throws Exception {
    for (String config : List.of("prometheus-dev.yml", "prometheus-production.yml")) {
      Promtool.Result r = Promtool.run(PROMETHEUS, "check", "config", config);
      assertThat(r.exitCode()).as(config + ": " + r.output()).isZero();
    }
  }

  @Test
  void everyDashboardQueryIsValidPromQl(@TempDir Path dir) throws Exception {
    JsonNode dashboard = JsonMapper.builder().build().readTree(DASHBOARD.toFile());
    List<String> exprs = new ArrayList<>();
    for (JsonNode panel : dashboard.path("panels")) {
      for (JsonNode target : panel.path("targets")) {
        exprs.add(target.path("expr").asString());
      }
      if (panel.path("type").asString().equals("timeseries")) {
        assertThat(panel.path("datasource").path("uid").asString())
            .as(panel.path("title").asString())
            .isEqualTo("${datasource}");
      }
    }
    assertThat(exprs).hasSizeGreaterThan(20).doesNotContain("");
    // Each query as a recording rule: promtool then parses it as Prometheus would.
    StringBuilder rules = new StringBuilder("groups:\n  - name: dashboard\n    rules:\n");
    for (int i = 0; i < exprs.size(); i++) {
      rules
          .append("      - record: dashboard:query_")
          .append(i)
          .append("\n        expr: '")
          .append(exprs.get(i).replace("'", "''"))
          .append("'\n");
    }
    Files.writeString(dir.resolve("dashboard_rules.yml"), rules);
    Promtool.Result r = Promtool.run(dir, "check", "rules", "dashboard_rules.yml");
    assertThat(r.exitCode()).as(r.output()).isZero();
    assertThat(r.output()).contains("SUCCESS: " + exprs.size() + " rules found");
  }

  static Set<String> alertsIn(String rules) {
    Set<String> names = new TreeSet<>();
    Matcher m = Pattern.compile("(?m)^\\s*- alert: (\\S+)").matcher(rules);
    while (m.find()) {
      names.add(m.group(1));
    }
    return names;
  }
}
