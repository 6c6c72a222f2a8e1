package dev.croupier.admin.web;

import dev.croupier.errors.CroupierException;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Field errors for a form, from a refusal. Services name the field a {@code VALIDATION_FAILED}
 * refusal is about at the start of its message ({@code "reason: say why, in 5 to 1000
 * characters"}), so a form shows the message beside that field; any other refusal is shown at the
 * top of the form under the key {@code form}.
 */
public final class FormErrors {
  private static final Pattern FIELD = Pattern.compile("([a-zA-Z]{1,40}): (.+)", Pattern.DOTALL);

  private FormErrors() {}

  /** The field errors of {@code e}, with its code. */
  public static Map<String, String> of(CroupierException e) {
    Matcher m = FIELD.matcher(e.getMessage() == null ? "" : e.getMessage());
    if (m.matches()) {
      return Map.of(m.group(1), m.group(2), "code", e.code().name());
    }
    return Map.of(
        "form",
        e.getMessage() == null ? e.code().description() : e.getMessage(),
        "code",
        e.code().name());
  }
}
