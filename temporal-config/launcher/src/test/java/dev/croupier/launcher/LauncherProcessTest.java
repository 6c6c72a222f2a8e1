package dev.croupier.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.croupier.devstack.Ports;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The launcher's promise: one command up, one signal down, no process left behind, and a requested
 * stop is a success (status 0), so Maven reports no failed build for it.
 */
class LauncherProcessTest {

  @Test
  void sigtermStopsEveryProcessTheLauncherStartedNewestFirstAndExitsZero() throws Exception {
    Path state = Files.createTempDirectory("croupier-launcher-state-");
    Map<String, String> env = LauncherProcess.isolatedEnvironment(state);
    LauncherProcess launcher = LauncherProcess.start(env);
    try {
      await()
          .atMost(Duration.ofMinutes(4))
          .pollInterval(Duration.ofMillis(500))
          .until(() -> launcher.output().contains("Croupier is up") || !launcher.process.isAlive());
      assertThat(launcher.output()).contains("Croupier is up");
      assertThat(Ports.isOpen(Ports.LOOPBACK, launcher.port("CROUPIER_TEMPORAL_TARGET"))).isTrue();
      assertThat(Ports.isOpen(Ports.LOOPBACK, launcher.port("CROUPIER_KAFKA_BOOTSTRAP"))).isTrue();

      if (launcher.output().contains("Starting wallet")) {
        // Each app got its own certificate from the dev CA made on this first run; keys are
        // private.
        for (String service : List.of("wallet", "workers", "api-gateway")) {
          Path key = state.resolve("tls").resolve(service + ".key");
          assertThat(state.resolve("tls").resolve(service + ".pem")).exists();
          assertThat(
                  java.nio.file.attribute.PosixFilePermissions.toString(
                      Files.getPosixFilePermissions(key)))
              .isEqualTo("rw-------");
        }
      }

      List<ProcessHandle> children = launcher.process.toHandle().descendants().toList();
      // At least the Temporal server and the Kafka broker; more once apps are built.
      assertThat(children).hasSizeGreaterThanOrEqualTo(2);

      launcher.process.destroy(); // SIGTERM
      assertThat(launcher.process.waitFor(90, TimeUnit.SECONDS)).isTrue();
      assertThat(launcher.process.exitValue()).as(launcher.output()).isZero();
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(() -> assertThat(children).noneMatch(ProcessHandle::isAlive));
      assertThat(Ports.isOpen(Ports.LOOPBACK, launcher.port("CROUPIER_TEMPORAL_TARGET"))).isFalse();
      assertThat(Ports.isOpen(Ports.LOOPBACK, launcher.port("CROUPIER_KAFKA_BOOTSTRAP"))).isFalse();

      String output = launcher.output();
      String stopping = output.substring(output.indexOf("Stopping (SIGTERM)"));
      // Newest first: every app that ran (in reverse start order), then Kafka, then Temporal.
      List<String> expected = new java.util.ArrayList<>();
      for (App app : App.ALL.reversed()) {
        if (output.contains("Starting " + app.name() + " on port")) {
          expected.add("stopped  " + app.name());
        }
      }
      expected.add("stopped  Kafka");
      expected.add("stopped  Temporal");
      assertThat(stopping).containsSubsequence(expected);
      assertThat(stopping).contains("Stopped. No process is left running.");
      assertThat(output).doesNotContain("Exception");
    } finally {
      launcher.process.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
      launcher.process.destroyForcibly();
    }
  }

  @Test
  void ctrlCDuringTheStartIsAStopNotAFailure() throws Exception {
    Path state = Files.createTempDirectory("croupier-launcher-state-");
    Map<String, String> env = LauncherProcess.isolatedEnvironment(state);
    LauncherProcess launcher = LauncherProcess.start(env);
    try {
      // Temporal is up and Kafka on its way: the middle of the start.
      await()
          .atMost(Duration.ofMinutes(3))
          .pollInterval(Duration.ofMillis(100))
          .until(() -> launcher.output().contains("Starting Kafka") || !launcher.process.isAlive());
      assertThat(launcher.output()).contains("Starting Kafka");
      List<ProcessHandle> before = launcher.process.toHandle().descendants().toList();

      Process kill =
          new ProcessBuilder("kill", "-INT", String.valueOf(launcher.process.pid())).start();
      assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
      assertThat(launcher.process.waitFor(90, TimeUnit.SECONDS)).isTrue();

      assertThat(launcher.process.exitValue()).as(launcher.output()).isZero();
      assertThat(launcher.output())
          .contains("Stopping (SIGINT)")
          .contains("stopped  Temporal")
          .contains("Stopped. No process is left running.")
          .doesNotContain("Croupier is up")
          .doesNotContain("Exception");
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(() -> assertThat(before).noneMatch(ProcessHandle::isAlive));
      assertThat(Ports.isOpen(Ports.LOOPBACK, launcher.port("CROUPIER_TEMPORAL_TARGET"))).isFalse();
      assertThat(Ports.isOpen(Ports.LOOPBACK, launcher.port("CROUPIER_KAFKA_BOOTSTRAP"))).isFalse();
    } finally {
      launcher.process.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
      launcher.process.destroyForcibly();
      launcher.process.waitFor(30, TimeUnit.SECONDS);
      LauncherProcess.dropDatabase(env);
    }
  }
}
