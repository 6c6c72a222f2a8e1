package dev.croupier.observability.logging;

import org.springframework.boot.json.JsonWriter;
import org.springframework.boot.logging.structured.StructuredLoggingJsonMembersCustomizer;

/**
 * Scrubs every string value of a JSON log line (message, MDC values, stack trace) with {@link
 * Secrets#scrub}. Named by {@code logging.structured.json.customizer}, which {@link
 * ObservabilityDefaults} sets for every app.
 */
public final class SecretScrubber implements StructuredLoggingJsonMembersCustomizer<Object> {
  @Override
  public void customize(JsonWriter.Members<Object> members) {
    members.applyingValueProcessor(JsonWriter.ValueProcessor.of(String.class, Secrets::scrub));
  }
}
