package dev.croupier.topology.db;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Running commands, as the {@code postgres} user when this JVM runs as root. */
final class Os {
  private Os() {}

  static boolean root() {
    return "root".equals(System.getProperty("user.name"));
  }

  /**
   * The command run as {@code postgres} when root (setpriv execs it: the pid is the command's, so a
   * SIGKILL reaches it), else as is.
   */
  static List<String> asPostgres(List<String> command) {
    if (!root()) {
      return command;
    }
    List<String> wrapped =
        new ArrayList<>(
            List.of("setpriv", "--reuid=postgres", "--regid=postgres", "--init-groups", "--"));
    wrapped.addAll(command);
    return wrapped;
  }

  /** Runs a short command to its end; fails with its output when it does not succeed. */
  static void run(List<String> command, Duration timeout) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly();
        throw new ClusterStartException(
            command.getFirst() + " did not finish within " + timeout.toSeconds() + "s");
      }
      String output = new String(p.getInputStream().readAllBytes()).strip();
      if (p.exitValue() != 0) {
        throw new ClusterStartException(
            String.join(" ", command) + " failed (" + p.exitValue() + "): " + output);
      }
    } catch (IOException e) {
      throw new ClusterStartException(command.getFirst() + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ClusterStartException("interrupted running " + command.getFirst(), e);
    }
  }

  /** Fails when the postgres user cannot reach {@code dir} (a parent folder without o+x). */
  static void requireReachableByPostgres(Path dir) {
    try {
      run(asPostgres(List.of("test", "-x", dir.toString())), Duration.ofSeconds(10));
    } catch (ClusterStartException e) {
      throw new ClusterStartException(
          "PostgreSQL: the postgres user cannot reach "
              + dir
              + " (a parent folder is closed to others); choose a folder under /tmp",
          e);
    }
  }
}
