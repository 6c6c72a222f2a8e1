package dev.croupier.ops;

import static org.assertj.core.api.Assertions.fail;

import dev.croupier.testsupport.Requirement;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's {@code promtool} ({@code .ci/ensure-prometheus.sh} installs it). Where it is missing, a
 * test fails under {@code CI=true} and is skipped with the reason elsewhere ({@link Requirement}).
 */
final class Promtool {
  private Promtool() {}

  /** The binary, or the test stops here. */
  static Path require() {
    for (String candidate : List.of("/usr/bin/promtool", "/usr/local/bin/promtool")) {
      Path p = Path.of(candidate);
      if (Files.isExecutable(p)) {
        return p;
      }
    }
    Requirement.require(false, "promtool", "run bash .ci/ensure-prometheus.sh");
    throw new IllegalStateException("unreachable: require fails or skips the test");
  }

  /** Output of one run. */
  record Result(int exitCode, String output) {}

  /** Runs promtool in {@code dir} with {@code args}. */
  static Result run(Path dir, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(require().toString());
    command.addAll(List.of(args));
    Process p =
        new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    if (!p.waitFor(2, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      fail("promtool " + String.join(" ", args) + " did not finish in 2 minutes");
    }
    return new Result(
        p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
  }
}
