package dev.croupier.launcher;

import dev.croupier.devstack.DevStack;
import dev.croupier.devstack.DevStackException;
import dev.croupier.devstack.ManagedProcess;
import dev.croupier.devstack.Ports;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import sun.misc.Signal;

/**
 * Runs the whole platform on embedded defaults: the dev stack, then every app that has been built.
 * Ctrl-C (SIGINT) or SIGTERM stops everything it started, newest first (the apps, then Kafka, then
 * Temporal), says what it stops, leaves no process behind and exits 0: a requested stop is a
 * success, also when it comes in the middle of the start. Bad configuration ends it with one line
 * that says what is wrong and what to do, and a non-zero status.
 */
public final class Launcher {
  private static final PrintStream out =
      new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);

  private final Path root;
  private final Map<String, String> env;
  private final List<Service> started = new ArrayList<>();
  private final CountDownLatch stopped = new CountDownLatch(1);
  private boolean stopping;
  private volatile String stopReason;

  /** A running part of the stack, by the name the launcher shows for it. */
  private record Service(String name, AutoCloseable closeable) {}

  Launcher(Path root, Map<String, String> env) {
    this.root = root;
    this.env = env;
  }

  public static void main(String[] args) {
    Path root = projectRoot();
    Launcher launcher = new Launcher(root, System.getenv());
    // Any other way out (SIGHUP, an error) still stops everything, through the shutdown hook.
    Runtime.getRuntime().addShutdownHook(new Thread(launcher::stop, "croupier-stop"));
    for (String signal : List.of("TERM", "INT")) {
      Signal.handle(new Signal(signal), s -> launcher.stopOnRequest("SIG" + signal));
    }
    try {
      launcher.start();
    } catch (RuntimeException e) {
      if (launcher.stopRequested()) {
        // The start was cut short by Ctrl-C or SIGTERM: that is a stop, not a failure.
        launcher.exitStopped();
      }
      out.println(
          e instanceof DevStackException
              ? "croupier: " + e.getMessage()
              : "croupier: cannot start: " + e + " (logs are in .croupier/logs)");
      launcher.stop();
      Runtime.getRuntime().halt(e instanceof DevStackException ? 2 : 1);
    }
    launcher.exitStopped();
  }

  /** Waits for the stop to finish, then ends the JVM with status 0. */
  private void exitStopped() {
    awaitStop();
    say("Stopped. No process is left running.");
    System.exit(0);
  }

  /**
   * Stops everything because the user asked (Ctrl-C or SIGTERM), on a thread of its own so the
   * signal's thread returns at once; {@link #main} then exits 0.
   */
  void stopOnRequest(String reason) {
    if (stopReason != null) {
      return;
    }
    stopReason = reason;
    Thread.ofPlatform().name("croupier-stop-" + reason).start(this::stop);
  }

  boolean stopRequested() {
    return stopReason != null;
  }

  void start() {
    Path home =
        Path.of(env.getOrDefault("CROUPIER_STATE_DIR", root.resolve(".croupier").toString()));
    DevStack.Config config = DevStack.Config.from(home, env);
    say("Croupier dev stack, state in " + home);
    DevStack stack = DevStack.start(config, this::say);
    // Tracked part by part, in start order, so a stop names each one as it goes.
    List<Service> parts = new ArrayList<>();
    stack.temporal().ifPresent(t -> parts.add(new Service("Temporal (" + t.kind() + ")", t)));
    stack.kafka().ifPresent(k -> parts.add(new Service("Kafka", k)));
    track(parts);

    Map<String, String> appEnv = appEnvironment(stack);
    List<String> urls = new ArrayList<>();
    for (App app : App.ALL) {
      var jar = app.executableJar(root);
      if (jar.isEmpty()) {
        say(
            "  %-8s not built yet (no %s/target/*-exec.jar): skipped"
                .formatted(app.name(), app.moduleDir()));
        continue;
      }
      int port =
          Integer.parseInt(env.getOrDefault(app.portVariable(), String.valueOf(app.defaultPort())));
      Ports.requireFree(app.name(), Ports.LOOPBACK, port, app.portVariable());
      say("Starting " + app.name() + " on port " + port);
      Map<String, String> processEnv = new HashMap<>(appEnv);
      processEnv.put(app.portVariable(), String.valueOf(port));
      ManagedProcess process =
          ManagedProcess.start(
              app.name(),
              List.of(ManagedProcess.currentJava(), "-Xmx512m", "-jar", jar.get().toString()),
              root,
              config.logs().resolve(app.name() + ".log"),
              processEnv);
      track(List.of(new Service(app.name(), process)));
      Ports.awaitOpen(app.name(), Ports.LOOPBACK, port, Duration.ofSeconds(120), process::isAlive);
      urls.add("  %-18s %s://%s:%d".formatted(app.name(), app.scheme(), Ports.LOOPBACK, port));
    }

    if (stopRequested()) {
      return;
    }
    say("");
    say("Croupier is up. Ctrl-C stops everything.");
    say("  %-18s %s".formatted("PostgreSQL", config.postgres().url()));
    String temporalKind = stack.temporal().map(s -> s.kind().toString()).orElse("external");
    say(
        "  %-18s %s (namespace %s, %s)"
            .formatted(
                "Temporal",
                config.temporal().target(),
                config.temporal().namespace(),
                temporalKind));
    stack
        .temporal()
        .ifPresent(
            server ->
                say(
                    "  %-18s %s"
                        .formatted(
                            "Temporal Web UI",
                            server
                                .webUi()
                                .map(
                                    ui ->
                                        ui
                                            + "/namespaces/"
                                            + config.temporal().namespace()
                                            + "/workflows")
                                .orElse("none: the Java test server has no Web UI"))));
    say(
        "  %-18s %s (%s)"
            .formatted(
                "Kafka",
                config.kafkaBootstrap(),
                stack.kafka().isPresent() ? "embedded KRaft" : "external"));
    urls.forEach(this::say);
    say("  %-18s %s".formatted("Logs", config.logs()));
  }

  private Map<String, String> appEnvironment(DevStack stack) {
    Map<String, String> appEnv = new HashMap<>();
    DevStack.Config config = stack.config();
    appEnv.put("CROUPIER_DB_URL", config.postgres().url());
    appEnv.put("CROUPIER_DB_USER", config.postgres().user());
    appEnv.put("CROUPIER_DB_PASSWORD", config.postgres().password());
    appEnv.put("CROUPIER_KAFKA_BOOTSTRAP", config.kafkaBootstrap());
    appEnv.put("CROUPIER_TEMPORAL_TARGET", config.temporal().target());
    appEnv.put("CROUPIER_TEMPORAL_NAMESPACE", config.temporal().namespace());
    for (App app : App.ALL) {
      String port = env.getOrDefault(app.portVariable(), String.valueOf(app.defaultPort()));
      appEnv.put(app.portVariable(), port);
    }
    appEnv.put(
        "CROUPIER_WALLET_TARGET", Ports.LOOPBACK + ":" + appEnv.get("CROUPIER_WALLET_GRPC_PORT"));
    // Dev only: a fresh service-token key per run unless one is given, so none is ever committed.
    appEnv.put(
        "CROUPIER_SERVICE_TOKEN_KEY", env.getOrDefault("CROUPIER_SERVICE_TOKEN_KEY", randomKey()));
    // Unlike the service-token key, the seed sealing key must outlive the run: sessions and tables
    // survive a restart, and their histories hold seeds sealed with it.
    String sealingKeys = env.get("CROUPIER_SEED_SEALING_KEYS");
    appEnv.put(
        "CROUPIER_SEED_SEALING_KEYS",
        sealingKeys != null
            ? sealingKeys
            : persistentKey(config.home().resolve("seed-sealing.key")));
    appEnv.put(
        "CROUPIER_IDENTITY_JWT_GENERATEDEVKEY",
        env.getOrDefault("CROUPIER_IDENTITY_JWT_GENERATEDEVKEY", "true"));
    return appEnv;
  }

  /** The key in {@code file}, created (readable by its owner only) on the first run. */
  private static String persistentKey(Path file) {
    try {
      if (Files.exists(file)) {
        return Files.readString(file).strip();
      }
      Files.createDirectories(file.getParent());
      String key = randomKey();
      Files.createFile(
          file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(file, key + "\n");
      return key;
    } catch (IOException e) {
      throw new DevStackException("Cannot keep the seed sealing key in " + file + ": " + e, e);
    }
  }

  private static String randomKey() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return Base64.getEncoder().encodeToString(key);
  }

  /** Remembers started services; if a stop already began, stops them at once instead. */
  private synchronized void track(List<Service> services) {
    if (stopping) {
      for (int i = services.size() - 1; i >= 0; i--) {
        closeQuietly(services.get(i));
      }
      throw new DevStackException("Stopped while starting");
    }
    started.addAll(services);
  }

  /** Stops what was started, newest first, saying so. Safe to call twice. */
  synchronized void stop() {
    stopping = true;
    if (stopped.getCount() == 0) {
      return;
    }
    if (stopReason != null) {
      say("");
      say("Stopping (" + stopReason + "), newest first:");
    }
    for (int i = started.size() - 1; i >= 0; i--) {
      closeQuietly(started.get(i));
    }
    started.clear();
    stopped.countDown();
  }

  private void closeQuietly(Service service) {
    say("  stopping " + service.name());
    try {
      service.closeable().close();
      say("  stopped  " + service.name());
    } catch (Exception e) {
      out.println("croupier: stopping " + service.name() + " failed: " + e.getMessage());
    }
  }

  private void awaitStop() {
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void say(String line) {
    out.println(line);
  }

  /**
   * The checkout's root: {@code CROUPIER_HOME}, or the nearest parent holding {@code
   * temporal-config/}.
   */
  static Path projectRoot() {
    String home = System.getenv("CROUPIER_HOME");
    if (home != null) {
      return Path.of(home).toAbsolutePath();
    }
    Path dir = Path.of("").toAbsolutePath();
    for (Path p = dir; p != null; p = p.getParent()) {
      if (Files.isDirectory(p.resolve("temporal-config")) && Files.exists(p.resolve("pom.xml"))) {
        return p;
      }
    }
    return dir;
  }
}
