package dev.croupier.testsupport;

/**
 * The size of a long-running proof (a simulation, a chaos run): small in {@code ./mvnw verify},
 * full under {@code -Dcroupier.soak=true}. The suite keeps every such proof, at a size that keeps
 * the whole suite inside its time budget; the soak run repeats it at the size its issue asked for.
 * A system property named after the size overrides both, for one-off runs.
 */
public final class Soak {
  private Soak() {}

  /** Whether this run is a soak run: the system property {@code croupier.soak} is {@code true}. */
  public static boolean enabled() {
    return Boolean.getBoolean("croupier.soak");
  }

  /**
   * The size to use.
   *
   * @param property a system property that overrides the size, for example {@code poker.sim.hands}
   * @param suite the size in the ordinary suite
   * @param soak the size in a soak run
   */
  public static int size(String property, int suite, int soak) {
    return Integer.getInteger(property, enabled() ? soak : suite);
  }
}
