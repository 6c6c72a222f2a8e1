package dev.croupier.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Node.js, for tests that run the web client's JavaScript (its verifier, an outsider's
 * recomputation): found on {@code PATH} as {@code node} or Debian's {@code nodejs}. A {@link
 * Requirement}: missing, the test fails under CI and is skipped elsewhere.
 */
public final class NodeJs {
  private NodeJs() {}

  /** The {@code node} binary on {@code PATH}, if there is one. */
  public static Optional<String> find() {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      for (String name : List.of("node", "nodejs")) {
        Path candidate = Path.of(dir.isEmpty() ? "." : dir, name);
        if (Files.isExecutable(candidate)) {
          return Optional.of(candidate.toString());
        }
      }
    }
    return Optional.empty();
  }

  /** The {@code node} binary; fails under CI or skips elsewhere when there is none. */
  public static String require() {
    Optional<String> node = find();
    Requirement.require(
        node.isPresent(),
        "Node.js",
        "run `bash .ci/ensure-node.sh` (Debian's nodejs, 18 or later) for the web client's tests");
    return node.orElseThrow();
  }
}
