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

/** The launcher's promise: one command up, one signal down, and no process left behind. */
class LauncherProcessTest {

  @Test
  void sigtermStopsEveryProcessTheLauncherStarted() throws Exception {
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
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(() -> assertThat(children).noneMatch(ProcessHandle::isAlive));
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
