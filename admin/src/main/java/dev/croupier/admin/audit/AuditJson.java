package dev.croupier.admin.audit;

import dev.croupier.errors.CroupierException;
import dev.croupier.errors.ErrorCode;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/** The {@code before} and {@code after} of audit rows as JSON, and the reasons staff give. */
public final class AuditJson {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private AuditJson() {}

  /** A JSON object of the given name and value pairs, in that order; null values are kept. */
  public static String of(Object... namesAndValues) {
    if (namesAndValues.length % 2 != 0) {
      throw new IllegalArgumentException("names and values come in pairs");
    }
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      m.put(String.valueOf(namesAndValues[i]), namesAndValues[i + 1]);
    }
    return JSON.writeValueAsString(m);
  }

  /**
   * A reason as staff must give it for anything that changes something: 5 to 1000 characters.
   *
   * @throws CroupierException {@code VALIDATION_FAILED}
   */
  public static String reason(String reason) {
    String r = reason == null ? "" : reason.strip();
    if (r.length() < 5 || r.length() > 1000) {
      throw new CroupierException(
          ErrorCode.VALIDATION_FAILED, "reason: say why, in 5 to 1000 characters");
    }
    return r;
  }
}
