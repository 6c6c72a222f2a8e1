package dev.croupier.testsupport;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * A real component a test needs (Chromium, the Temporal CLI dev server, Node.js) and how to install
 * it. Where it is missing, the test fails under CI ({@code CI=true}), where {@code .ci/run}
 * installs every component, so a proof can never disappear from a CI run; elsewhere it is skipped
 * with the same message, which Surefire keeps in its report and {@code .ci/test-summary.py} prints.
 */
public final class Requirement {
  private Requirement() {}

  /** Whether this run is a CI run: the environment variable {@code CI} is {@code true}. */
  public static boolean underCi() {
    return "true".equalsIgnoreCase(System.getenv("CI"));
  }

  /**
   * Returns when {@code present}; otherwise fails the test under CI and skips it elsewhere.
   *
   * @param component what is missing, for example {@code "Chromium"}
   * @param install what to do about it, for example {@code "apt-get install chromium"}
   */
  public static void require(boolean present, String component, String install) {
    require(present, component, install, underCi());
  }

  static void require(boolean present, String component, String install, boolean ci) {
    if (present) {
      return;
    }
    String message =
        component
            + " is missing: "
            + install
            + (ci ? " (CI=true: a missing component fails the test)" : " (skipped outside CI)");
    if (ci) {
      Assertions.fail(message);
    }
    Assumptions.abort(message);
  }
}
