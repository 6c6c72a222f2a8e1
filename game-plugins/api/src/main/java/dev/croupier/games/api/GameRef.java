package dev.croupier.games.api;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A game and the version of its rules and math. A session records the ref it started on and plays
 * that version to its end, even after a newer version is installed.
 *
 * @param gameId a stable lower-case id such as {@code slot-classic}
 * @param version a semantic version such as {@code 1.0.0}; changing the math means a new version
 */
public record GameRef(String gameId, String version) {
  private static final Pattern ID = Pattern.compile("[a-z][a-z0-9-]{0,62}");
  private static final Pattern VERSION = Pattern.compile("\\d{1,4}\\.\\d{1,4}\\.\\d{1,4}");

  public GameRef {
    Objects.requireNonNull(gameId, "gameId");
    Objects.requireNonNull(version, "version");
    if (!ID.matcher(gameId).matches()) {
      throw new IllegalArgumentException("game id must match " + ID + ": " + gameId);
    }
    if (!VERSION.matcher(version).matches()) {
      throw new IllegalArgumentException("version must be MAJOR.MINOR.PATCH: " + version);
    }
  }

  /** Parses {@code gameId@version}, the form used in logs and on the command line. */
  public static GameRef parse(String text) {
    int at = text.indexOf('@');
    if (at < 0) {
      throw new IllegalArgumentException("expected gameId@version: " + text);
    }
    return new GameRef(text.substring(0, at), text.substring(at + 1));
  }

  /** Orders versions numerically, so that {@code 1.10.0} is newer than {@code 1.9.0}. */
  static int compareVersions(String a, String b) {
    String[] x = a.split("\\.");
    String[] y = b.split("\\.");
    for (int i = 0; i < 3; i++) {
      int c = Integer.compare(Integer.parseInt(x[i]), Integer.parseInt(y[i]));
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }

  @Override
  public String toString() {
    return gameId + "@" + version;
  }
}
