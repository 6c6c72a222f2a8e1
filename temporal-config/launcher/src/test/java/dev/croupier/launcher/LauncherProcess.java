package dev.croupier.launcher;

import dev.croupier.devstack.Ports;
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

  /** Environment with every port moved to a free one, so a running dev stack is never disturbed. */
  static Map<String, String> isolatedEnvironment(Path stateDir) {
    Map<String, String> env = new HashMap<>();
    env.put("CROUPIER_HOME", Launcher.projectRoot().toString());
    env.put("CROUPIER_STATE_DIR", stateDir.toString());
    env.put("CROUPIER_TEMPORAL_TARGET", Ports.LOOPBACK + ":" + Ports.freePort());
    env.put("CROUPIER_TEMPORAL_UI_PORT", String.valueOf(Ports.freePort()));
    env.put("CROUPIER_KAFKA_BOOTSTRAP", Ports.LOOPBACK + ":" + Ports.freePort());
    for (App app : App.ALL) {
      env.put(app.portVariable(), String.valueOf(Ports.freePort()));
      env.put(app.managementPortVariable(), String.valueOf(Ports.freePort()));
    }
    env.put("CROUPIER_PROMETHEUS_PORT", String.valueOf(Ports.freePort()));
    return env;
  }

  static LauncherProcess start(Map<String, String> env) throws IOException {
    Path output = Files.createTempFile("croupier-launcher-", ".out");
    List<String> command = new ArrayList<>();
    command.add(dev.croupier.devstack.ManagedProcess.currentJava());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(Launcher.class.getName());
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(output.toFile())
            .directory(Launcher.projectRoot().toFile());
    builder.environment().putAll(env);
    return new LauncherProcess(builder.start(), output, env);
  }

  String output() throws IOException {
    return Files.readString(output);
  }

  int port(String variable) {
    String value = env.get(variable);
    return Integer.parseInt(value.substring(value.lastIndexOf(':') + 1));
  }
}
