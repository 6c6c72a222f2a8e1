package dev.croupier.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.croupier.devstack.Ports;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Bad configuration ends the launcher with one clear line and no wall of stack trace. */
class LauncherBadConfigurationTest {

  @AfterAll
  static void dropTheDatabaseALauncherMayHaveMade() throws Exception {
    LauncherProcess.dropDatabase(env());
  }

  @Test
  void unreachablePostgresNamesTheUrlAndHowToStartIt() throws Exception {
    Map<String, String> env = env();
    String url = "jdbc:postgresql://127.0.0.1:" + Ports.freePort() + "/croupier";
    env.put("CROUPIER_DB_URL", url);

    String output = runToExit(env);

    assertThat(output)
        .contains("croupier: PostgreSQL is not reachable at " + url)
        .contains(".ci/ensure-postgres.sh");
    assertOneClearLine(output);
  }

  @Test
  void takenKafkaPortSaysWhichPortAndWhichSettingMovesIt() throws Exception {
    Map<String, String> env = env();
    try (ServerSocket squatter = new ServerSocket(0, 1, InetAddress.getByName(Ports.LOOPBACK))) {
      env.put("CROUPIER_KAFKA_BOOTSTRAP", Ports.LOOPBACK + ":" + squatter.getLocalPort());

      String output = runToExit(env);

      assertThat(output)
          .contains(
              "croupier: Port 127.0.0.1:" + squatter.getLocalPort() + " for Kafka is already taken")
          .contains("CROUPIER_KAFKA_BOOTSTRAP");
      assertOneClearLine(output);
    }
  }

  @Test
  void takenManagementPortSaysWhichAppAndWhichSettingMovesIt() throws Exception {
    Map<String, String> env = env();
    try (ServerSocket squatter = new ServerSocket(0, 1, InetAddress.getByName(Ports.LOOPBACK))) {
      env.put("CROUPIER_GATEWAY_MANAGEMENT_PORT", String.valueOf(squatter.getLocalPort()));

      String output = runToExit(env);

      assertThat(output)
          .contains(
              "croupier: Port 127.0.0.1:"
                  + squatter.getLocalPort()
                  + " for gateway's management is already taken")
          .contains("CROUPIER_GATEWAY_MANAGEMENT_PORT");
      assertOneClearLine(output);
    }
  }

  @Test
  void unreachableExternalKafkaSaysWhereAndWhatToDo() throws Exception {
    Map<String, String> env = env();
    env.put("CROUPIER_EMBEDDED", "temporal");
    env.put("CROUPIER_KAFKA_BOOTSTRAP", Ports.LOOPBACK + ":" + Ports.freePort());

    String output = runToExit(env);

    assertThat(output)
        .contains("croupier: Kafka is not reachable at " + env.get("CROUPIER_KAFKA_BOOTSTRAP"))
        .contains("CROUPIER_EMBEDDED");
    assertOneClearLine(output);
  }

  private static Map<String, String> env() throws Exception {
    return LauncherProcess.isolatedEnvironment(Files.createTempDirectory("croupier-bad-config-"));
  }

  private static String runToExit(Map<String, String> env) throws Exception {
    LauncherProcess launcher = LauncherProcess.start(env);
    try {
      assertThat(launcher.process.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(launcher.process.exitValue()).isEqualTo(2);
      return launcher.output();
    } finally {
      launcher.process.destroyForcibly();
    }
  }

  private static void assertOneClearLine(String output) {
    assertThat(output.lines().filter(l -> l.startsWith("croupier:")).count()).isEqualTo(1);
    assertThat(output).doesNotContain("\tat ").doesNotContain("Exception");
  }
}
