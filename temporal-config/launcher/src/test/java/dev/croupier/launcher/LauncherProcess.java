package dev.croupier.launcher;

import dev.croupier.devstack.Ports;
import dev.croupier.devstack.PostgresSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The launcher started the way a user starts it: its own JVM, its own output, real signals. */
final class LauncherProcess {
  final Process process;
  final Path output;
  final Map<String, String> env;

  private LauncherProcess(Process process, Path output, Map<String, String> env) {
    this.process = process;
    this.output = output;
    this.env = env;
  }

  /**
   * Environment with every port moved to a free one and a database of its own (which the launcher
   * creates and migrates), so a running dev stack, and other checkouts' migrations of the shared
   * dev database, are never disturbed.
   */
  static Map<String, String> isolatedEnvironment(Path stateDir) {
    Map<String, String> env = new HashMap<>();
    PostgresSettings shared = PostgresSettings.fromEnvironment();
    env.put(
        "CROUPIER_DB_URL",
        shared.withDatabase("croupier_launcher_" + ProcessHandle.current().pid()).url());
    env.put("CROUPIER_HOME", Launcher.projectRoot().toString());
    env.put("CROUPIER_STATE_DIR", stateDir.toString());
    env.put("CROUPIER_TEMPORAL_TARGET", Ports.LOOPBACK + ":" + Ports.freePort());
    env.put("CROUPIER_TEMPORAL_UI_PORT", String.valueOf(Ports.freePort()));
    env.put("CROUPIER_KAFKA_BOOTSTRAP", Ports.LOOPBACK + ":" + Ports.freePort());
    env.put("CROUPIER_IDENTITY_GRPC_PORT", String.valueOf(Ports.freePort()));
    env.put("CROUPIER_WORKERS_EVIDENCE_PORT", String.valueOf(Ports.freePort()));
    for (App app : App.ALL) {
      env.put(app.portVariable(), String.valueOf(Ports.freePort()));
      env.put(app.managementPortVariable(), String.valueOf(Ports.freePort()));
    }
    env.put("CROUPIER_PROMETHEUS_PORT", String.valueOf(Ports.freePort()));
    return env;
  }

  /** Drops the database {@link #isolatedEnvironment} named, if the launcher made it. */
  static void dropDatabase(Map<String, String> env) {
    PostgresSettings shared = PostgresSettings.fromEnvironment();
    String name =
        new PostgresSettings(env.get("CROUPIER_DB_URL"), shared.user(), shared.password())
            .database();
    try (var c = dev.croupier.devstack.Postgres.connect(shared.withDatabase("postgres"));
        var s = c.createStatement()) {
      s.execute(
          "drop database if exists "
              + dev.croupier.devstack.Postgres.quoteIdentifier(name)
              + " with (force)");
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  static LauncherProcess start(Map<String, String> env) throws IOException {
    Path output = Files.createTempFile("croupier-launcher-", ".out");
    List<String> command = new ArrayList<>();
    command.add(dev.croupier.devstack.ManagedProcess.currentJava());
    command.add("-cp");
    command.add(runtimeClassPath());
    command.add(Launcher.class.getName());
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(output.toFile())
            .directory(Launcher.projectRoot().toFile());
    builder.environment().putAll(env);
    return new LauncherProcess(builder.start(), output, env);
  }

  /**
   * The launcher's own class and its runtime dependencies, as {@code ./mvnw -Prun} runs it (the
   * build writes the list to {@code target/launcher-runtime.classpath}); never the test class path,
   * which would hide a dependency declared for tests only.
   */
  static String runtimeClassPath() throws IOException {
    Path module =
        Path.of(Launcher.class.getProtectionDomain().getCodeSource().getLocation().getPath());
    Path listed = module.resolveSibling("launcher-runtime.classpath");
    if (!Files.isRegularFile(listed)) {
      throw new IllegalStateException(
          listed + " is missing: the build writes it at generate-test-resources (./mvnw verify)");
    }
    return module + java.io.File.pathSeparator + Files.readString(listed).strip();
  }

  String output() throws IOException {
    return Files.readString(output);
  }

  int port(String variable) {
    String value = env.get(variable);
    return Integer.parseInt(value.substring(value.lastIndexOf(':') + 1));
  }
}
