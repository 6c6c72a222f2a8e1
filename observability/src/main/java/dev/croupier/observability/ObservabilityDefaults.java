package dev.croupier.observability;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertiesPropertySource;

/**
 * Adds {@code croupier-observability.properties} as the last property source of every app, so that
 * an app's own settings win, plus the two choices that depend on the environment: JSON log lines
 * unless {@code CROUPIER_LOG_FORMAT=text}, and OTLP span export when {@code
 * CROUPIER_TRACING_OTLP_ENDPOINT} names a collector. Runs before logging starts.
 */
final class ObservabilityDefaults implements EnvironmentPostProcessor {
  static final String SOURCE = "croupierObservabilityDefaults";
  static final String RESOURCE = "croupier-observability.properties";

  @Override
  public void postProcessEnvironment(
      ConfigurableEnvironment environment, SpringApplication application) {
    Properties defaults = new Properties();
    try (InputStream in =
        ObservabilityDefaults.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the class path");
      }
      defaults.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (!"text".equalsIgnoreCase(environment.getProperty("croupier.log-format", "json"))) {
      defaults.setProperty("logging.structured.format.console", "ecs");
    }
    String otlp = environment.getProperty("croupier.tracing.otlp-endpoint", "");
    if (!otlp.isBlank()) {
      defaults.setProperty(
          "management.opentelemetry.tracing.export.otlp.endpoint",
          otlp.replaceAll("/+$", "") + "/v1/traces");
    }
    environment.getPropertySources().addLast(new PropertiesPropertySource(SOURCE, defaults));
  }
}
