package dev.croupier.gateway.webclient;

import static org.assertj.core.api.Assertions.assertThat;

import dev.croupier.testsupport.NodeJs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The web client's JavaScript tests ({@code src/test/js/*.test.mjs}: the browser's fairness
 * verifier against the independent reference's vectors, and its recomputation of whole rounds) run
 * under Node.js's own test runner; each of them is reported here as a test of its own. Node.js is a
 * {@link dev.croupier.testsupport.Requirement}: missing, these fail under CI and are skipped
 * elsewhere.
 */
class WebClientNodeTest {
  private static final Path TESTS = Path.of("src/test/js");
  // A top-level TAP result line: "ok 3 - name" or "not ok 3 - name # SKIP reason".
  private static final Pattern RESULT =
      Pattern.compile("^(not ok|ok) \\d+ - (.*?)(?: # (\\w+).*)?$");

  @TestFactory
  Stream<DynamicTest> everyNodeTestPasses() throws Exception {
    String node = NodeJs.require();
    List<Path> files;
    try (Stream<Path> s = Files.list(TESTS)) {
      files = s.filter(p -> p.toString().endsWith(".test.mjs")).sorted().toList();
    }
    assertThat(files).as("node test files in %s", TESTS).isNotEmpty();
    List<DynamicTest> tests = new ArrayList<>();
    for (Path file : files) {
      Run run = run(node, file);
      List<String[]> results = new ArrayList<>();
      for (String line : run.output().lines().toList()) {
        Matcher m = RESULT.matcher(line);
        if (m.matches()) {
          results.add(new String[] {m.group(1), m.group(2), m.group(3)});
        }
      }
      String name = file.getFileName().toString();
      tests.add(
          DynamicTest.dynamicTest(
              name + ": node exits 0",
              () ->
                  assertThat(run.exitCode())
                      .as("node --test %s\n%s", file, run.output())
                      .isZero()));
      tests.add(
          DynamicTest.dynamicTest(
              name + ": has tests",
              () ->
                  assertThat(results)
                      .as("TAP results of %s\n%s", file, run.output())
                      .isNotEmpty()));
      for (String[] r : results) {
        tests.add(
            DynamicTest.dynamicTest(
                name + ": " + r[1],
                () -> {
                  assertThat(r[2]).as("directive of '%s'", r[1]).isNull();
                  assertThat(r[0]).as("'%s'\n%s", r[1], run.output()).isEqualTo("ok");
                }));
      }
    }
    return tests.stream();
  }

  private record Run(int exitCode, String output) {}

  private static Run run(String node, Path file) throws IOException, InterruptedException {
    Path out = Files.createTempFile("node-test-", ".tap");
    try {
      Process p =
          new ProcessBuilder(node, "--test", "--test-reporter=tap", file.toString())
              .redirectErrorStream(true)
              .redirectOutput(out.toFile())
              .start();
      if (!p.waitFor(2, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        return new Run(-1, "timed out after 2 minutes\n" + Files.readString(out));
      }
      return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(out);
    }
  }
}
