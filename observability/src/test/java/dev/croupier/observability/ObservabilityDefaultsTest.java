package dev.croupier.observability;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/** The defaults every app gets, and what its environment changes in them. */
class ObservabilityDefaultsTest {

  private static ConfigurableEnvironment environment(Map<String, Object> given) {
    StandardEnvironment env = new StandardEnvironment();
    env.getPropertySources().addFirst(new MapPropertySource("given", given));
    SpringApplication app = new SpringApplication(ObservabilityDefaultsTest.class);
    app.setWebApplicationType(WebApplicationType.NONE);
    new ObservabilityDefaults().postProcessEnvironment(env, app);
    return env;
  }

  @Test
  void logsAreJsonLinesScrubbedOfSecretsAndNothingIsExportedUnlessAsked() {
    ConfigurableEnvironment env = environment(Map.of());
    assertThat(env.getProperty("logging.structured.format.console")).isEqualTo("ecs");
    assertThat(env.getProperty("logging.structured.json.customizer"))
        .isEqualTo("dev.croupier.observability.logging.SecretScrubber");
    assertThat(env.getProperty("management.endpoints.web.exposure.include"))
        .isEqualTo("health,info,prometheus");
    assertThat(env.getProperty("management.opentelemetry.tracing.export.otlp.endpoint")).isNull();
    assertThat(env.getProperty("management.tracing.sampling.probability")).isEqualTo("0.1");
  }

  @Test
  void theEnvironmentChoosesPlainLinesACollectorAndTheSampledShare() {
    ConfigurableEnvironment env =
        environment(
            Map.of(
                "croupier.log-format", "text",
                "croupier.tracing.otlp-endpoint", "http://127.0.0.1:4318/",
                "croupier.tracing.sampling", "1.0"));
    assertThat(env.getProperty("logging.structured.format.console")).isNull();
    assertThat(env.getProperty("management.opentelemetry.tracing.export.otlp.endpoint"))
        .isEqualTo("http://127.0.0.1:4318/v1/traces");
    assertThat(env.getProperty("management.tracing.sampling.probability")).isEqualTo("1.0");
  }

  @Test
  void anAppsOwnSettingWinsOverTheDefaults() {
    ConfigurableEnvironment env =
        environment(Map.of("management.endpoints.web.exposure.include", "health"));
    assertThat(env.getProperty("management.endpoints.web.exposure.include")).isEqualTo("health");
  }
}
