package dev.croupier.realtime.leaderboard;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.Arrays;
import java.util.Optional;

/**
 * The window a board covers, in UTC, by the time the ledger wrote the entry: the day, the ISO week
 * (from Monday), or all time.
 */
public enum Period {
  DAILY("daily"),
  WEEKLY("weekly"),
  ALL_TIME("all-time");

  /** The start of {@link #ALL_TIME}. */
  static final LocalDate EPOCH = LocalDate.of(1970, 1, 1);

  private final String id;

  Period(String id) {
    this.id = id;
  }

  /** The name on the wire and in the database. */
  public String id() {
    return id;
  }

  /** The first day of the window that holds {@code at}. */
  public LocalDate start(Instant at) {
    LocalDate day = LocalDate.ofInstant(at, ZoneOffset.UTC);
    return switch (this) {
      case DAILY -> day;
      case WEEKLY -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
      case ALL_TIME -> EPOCH;
    };
  }

  public static Optional<Period> of(String id) {
    return Arrays.stream(values()).filter(p -> p.id.equals(id)).findFirst();
  }
}
