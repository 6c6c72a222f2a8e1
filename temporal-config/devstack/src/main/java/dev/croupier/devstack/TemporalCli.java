package dev.croupier.devstack;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the {@code temporal} CLI, or builds it from its Go module. Prebuilt binaries cannot be
 * downloaded on our machines, so {@code go install} is the way in; v1.5.1 is the newest release
 * whose module has no {@code replace} directive, which {@code go install} refuses.
 */
public final class TemporalCli {
  public static final String MODULE = "github.com/temporalio/cli/cmd/temporal@v1.5.1";
  private static final Logger log = LoggerFactory.getLogger(TemporalCli.class);

  private TemporalCli() {}

  /** A {@code temporal} binary on PATH or in Go's bin folder, if there is one. */
  public static Optional<Path> find() {
    String override = System.getenv("CROUPIER_TEMPORAL_CLI");
    if (override != null && Files.isExecutable(Path.of(override))) {
      return Optional.of(Path.of(override));
    }
    Optional<Path> onPath = onPath("temporal");
    if (onPath.isPresent()) {
      return onPath;
    }
    return goBinDirs().stream()
        .map(d -> d.resolve("temporal"))
        .filter(Files::isExecutable)
        .findFirst();
  }

  /** Whether {@code go} is available to build the CLI. */
  public static boolean canBuild() {
    return onPath("go").isPresent() || Files.isExecutable(Path.of("/usr/local/go/bin/go"));
  }

  /** Finds the CLI, building it with {@code go install} when it is missing; empty without Go. */
  public static Optional<Path> findOrBuild(java.util.function.Consumer<String> progress) {
    Optional<Path> found = find();
    if (found.isPresent() || !canBuild()) {
      return found;
    }
    String go = onPath("go").map(Path::toString).orElse("/usr/local/go/bin/go");
    progress.accept("Building the Temporal CLI: go install " + MODULE + " (once; a few minutes)");
    try {
      Process build = new ProcessBuilder(go, "install", MODULE).redirectErrorStream(true).start();
      try (BufferedReader out =
          new BufferedReader(
              new InputStreamReader(build.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        int modules = 0;
        while ((line = out.readLine()) != null) {
          if (line.startsWith("go: downloading")) {
            modules++;
            if (modules % 25 == 0) {
              progress.accept("  ... downloaded " + modules + " Go modules");
            }
          } else {
            progress.accept("  go: " + line);
          }
        }
      }
      if (!build.waitFor(30, TimeUnit.MINUTES) || build.exitValue() != 0) {
        progress.accept("go install failed (exit " + build.exitValue() + ")");
        return Optional.empty();
      }
    } catch (IOException e) {
      log.warn("go install failed: {}", e.toString());
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
    return find();
  }

  private static List<Path> goBinDirs() {
    String home = System.getProperty("user.home");
    String gobin = System.getenv("GOBIN");
    String gopath = System.getenv("GOPATH");
    java.util.ArrayList<Path> dirs = new java.util.ArrayList<>();
    if (gobin != null && !gobin.isBlank()) {
      dirs.add(Path.of(gobin));
    }
    if (gopath != null && !gopath.isBlank()) {
      dirs.add(Path.of(gopath.split(":")[0], "bin"));
    }
    dirs.add(Path.of(home, "go", "bin"));
    return dirs;
  }

  private static Optional<Path> onPath(String name) {
    String path = System.getenv().getOrDefault("PATH", "");
    for (String dir : path.split(":")) {
      if (!dir.isEmpty()) {
        Path candidate = Path.of(dir, name);
        if (Files.isExecutable(candidate)) {
          return Optional.of(candidate);
        }
      }
    }
    return Optional.empty();
  }
}
