package dev.croupier.admin.evidence;

import dev.croupier.errors.CroupierException;
import dev.croupier.errors.ErrorCode;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** The time ranges of exports, as staff type them. */
final class Ranges {
  private Ranges() {}

  /**
   * An ISO-8601 instant ({@code 2026-12-01T00:00:00Z}), or a date and time without a zone, read as
   * UTC ({@code 2026-12-01T00:00}, what a browser's date-time field sends).
   *
   * @throws CroupierException {@code VALIDATION_FAILED} naming the field
   */
  static Instant instant(String field, String value) {
    String v = value.strip();
    if (v.isEmpty() || v.length() > 40) {
      throw new CroupierException(
          ErrorCode.VALIDATION_FAILED, field + ": an ISO-8601 instant, e.g. 2026-12-01T00:00:00Z");
    }
    try {
      return Instant.parse(v);
    } catch (DateTimeParseException e) {
      try {
        return LocalDateTime.parse(v).toInstant(ZoneOffset.UTC);
      } catch (DateTimeParseException again) {
        throw new CroupierException(
            ErrorCode.VALIDATION_FAILED,
            field + ": an ISO-8601 instant, e.g. 2026-12-01T00:00:00Z");
      }
    }
  }
}
