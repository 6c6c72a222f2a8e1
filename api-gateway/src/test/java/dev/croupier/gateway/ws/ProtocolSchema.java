package dev.croupier.gateway.ws;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Set;
import java.util.stream.Collectors;

/** The protocol's JSON Schema (2020-12) from the gateway's resources, for checking frames. */
final class ProtocolSchema {
  private static final ObjectMapper JACKSON2 = new ObjectMapper();
  private static final JsonSchema SCHEMA = load();

  private ProtocolSchema() {}

  private static JsonSchema load() {
    try (InputStream in =
        ProtocolSchema.class.getResourceAsStream("/protocol/croupier-ws-v1.schema.json")) {
      return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The schema's complaints about one frame; empty when it is valid. */
  static String violations(String frame) {
    try {
      Set<ValidationMessage> errors = SCHEMA.validate(JACKSON2.readTree(frame));
      return errors.stream().map(ValidationMessage::getMessage).collect(Collectors.joining("; "));
    } catch (IOException e) {
      return "not JSON: " + e.getMessage();
    }
  }
}
