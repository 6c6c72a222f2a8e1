package dev.croupier.launcher;

import dev.croupier.devstack.DevCertificates;
import dev.croupier.devstack.DevStack;
import dev.croupier.devstack.DevStackException;
import dev.croupier.devstack.ManagedProcess;
import dev.croupier.devstack.Ports;
import dev.croupier.devstack.PostgresSettings;
import dev.croupier.devstack.PrometheusServer;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.flywaydb.core.Flyway;
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
    requireFreePorts(config);
    DevStack stack = DevStack.start(config, this::say);
    // Tracked part by part, in start order, so a stop names each one as it goes.
    List<Service> parts = new ArrayList<>();
    stack.temporal().ifPresent(t -> parts.add(new Service("Temporal (" + t.kind() + ")", t)));
    stack.kafka().ifPresent(k -> parts.add(new Service("Kafka", k)));
    track(parts);

    migrate(config.postgres());
    Map<String, String> appEnv = appEnvironment(stack);
    if (config.embeddedPrometheus() && !env.containsKey("CROUPIER_PROMETHEUS_URL")) {
      // Admin's dashboard reads players online and outbox lag from it.
      appEnv.put(
          "CROUPIER_PROMETHEUS_URL", "http://" + Ports.LOOPBACK + ":" + config.prometheusPort());
    }
    List<String> urls = new ArrayList<>();
    Map<String, String> scraped = new LinkedHashMap<>();
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
      int managementPort =
          Integer.parseInt(
              env.getOrDefault(
                  app.managementPortVariable(), String.valueOf(app.defaultManagementPort())));
      Ports.requireFree(app.name(), Ports.LOOPBACK, port, app.portVariable());
      Ports.requireFree(
          app.name() + "'s management",
          Ports.LOOPBACK,
          managementPort,
          app.managementPortVariable());
      say("Starting " + app.name() + " on port " + port + " (management " + managementPort + ")");
      Map<String, String> processEnv = new HashMap<>(appEnv);
      processEnv.put(app.portVariable(), String.valueOf(port));
      processEnv.putAll(tlsEnvironment(home, app));
      processEnv.put("CROUPIER_DB_USER", env.getOrDefault(app.dbRoleVariable(), app.dbRole()));
      processEnv.put(
          "CROUPIER_DB_PASSWORD",
          env.getOrDefault(app.dbPasswordVariable(), config.postgres().password()));
      processEnv.put(app.managementPortVariable(), String.valueOf(managementPort));
      ManagedProcess process =
          ManagedProcess.start(
              app.name(),
              List.of(ManagedProcess.currentJava(), "-Xmx512m", "-jar", jar.get().toString()),
              root,
              config.logs().resolve(app.name() + ".log"),
              processEnv);
      track(List.of(new Service(app.name(), process)));
      Ports.awaitOpen(app.name(), Ports.LOOPBACK, port, Duration.ofSeconds(120), process::isAlive);
      urls.add(
          "  %-18s %s://%s:%d  (health, metrics: http://%s:%d/actuator)"
              .formatted(
                  app.name(), app.scheme(), Ports.LOOPBACK, port, Ports.LOOPBACK, managementPort));
      if (app.name().equals("admin")) {
        urls.add(
            "  %-18s first time: admin/bin/croupier-admin bootstrap-admin --email=<you> --name=<name>"
                .formatted(""));
      }
      scraped.put(app.job(), Ports.LOOPBACK + ":" + managementPort);
    }

    PrometheusServer prometheus = null;
    if (config.embeddedPrometheus()) {
      say("Starting Prometheus on port " + config.prometheusPort());
      prometheus =
          PrometheusServer.start(
              config.home().resolve("prometheus"),
              config.prometheusPort(),
              scraped,
              root.resolve("ops/prometheus/alerts.yml"),
              config.logs().resolve("prometheus.log"));
      track(List.of(new Service("Prometheus", prometheus)));
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
    if (prometheus != null) {
      say(
          "  %-18s %s (alerts: %s/alerts)"
              .formatted("Prometheus", prometheus.url(), prometheus.url()));
    }
    say(
        "  %-18s %s (JSON lines; CROUPIER_LOG_FORMAT=text for plain ones)"
            .formatted("Logs", config.logs()));
  }

  /**
   * The apps' ports and Prometheus's, checked before anything starts: a taken one costs nothing.
   */
  private void requireFreePorts(DevStack.Config config) {
    for (App app : App.ALL) {
      if (app.executableJar(root).isEmpty()) {
        continue;
      }
      Ports.requireFree(
          app.name(),
          Ports.LOOPBACK,
          Integer.parseInt(env.getOrDefault(app.portVariable(), String.valueOf(app.defaultPort()))),
          app.portVariable());
      Ports.requireFree(
          app.name() + "'s management",
          Ports.LOOPBACK,
          Integer.parseInt(
              env.getOrDefault(
                  app.managementPortVariable(), String.valueOf(app.defaultManagementPort()))),
          app.managementPortVariable());
    }
    if (config.embeddedPrometheus()) {
      Ports.requireFree(
          "Prometheus", Ports.LOOPBACK, config.prometheusPort(), "CROUPIER_PROMETHEUS_PORT");
    }
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
    // With a collector configured, the dev stack traces every request unless told otherwise.
    if (!env.getOrDefault("CROUPIER_TRACING_OTLP_ENDPOINT", "").isBlank()) {
      appEnv.put("CROUPIER_TRACING_SAMPLING", env.getOrDefault("CROUPIER_TRACING_SAMPLING", "1.0"));
    }
    appEnv.put(
        "CROUPIER_WALLET_TARGET", Ports.LOOPBACK + ":" + appEnv.get("CROUPIER_WALLET_GRPC_PORT"));
    // The gateway serves the identity context's staff API there; admin calls it.
    String identityPort = env.getOrDefault("CROUPIER_IDENTITY_GRPC_PORT", "9095");
    appEnv.put("CROUPIER_IDENTITY_GRPC_PORT", identityPort);
    appEnv.put("CROUPIER_IDENTITY_TARGET", Ports.LOOPBACK + ":" + identityPort);
    // Recall: the gateway reads it from the workers with the player's token, and the workers
    // check that token against the gateway's JWKS.
    appEnv.put(
        "CROUPIER_WORKERS_URL",
        "http://" + Ports.LOOPBACK + ":" + appEnv.get("CROUPIER_WORKERS_PORT"));
    appEnv.put(
        "CROUPIER_RECALL_JWKS_URI",
        "http://"
            + Ports.LOOPBACK
            + ":"
            + appEnv.get("CROUPIER_GATEWAY_PORT")
            + "/.well-known/jwks.json");
    // Admin's dashboard reads hourly revenue from the realtime app.
    appEnv.put(
        "CROUPIER_REALTIME_URL",
        "http://" + Ports.LOOPBACK + ":" + appEnv.get("CROUPIER_REALTIME_PORT"));
    // The web client opens its socket from the gateway's own origin, whatever port it is on.
    String gatewayPort = appEnv.get("CROUPIER_GATEWAY_PORT");
    appEnv.put(
        "CROUPIER_GATEWAY_WS_ALLOWEDORIGINS",
        env.getOrDefault(
            "CROUPIER_GATEWAY_WS_ALLOWEDORIGINS",
            "http://127.0.0.1:" + gatewayPort + ",http://localhost:" + gatewayPort));
    // The seed sealing key must outlive the run: sessions and tables survive a restart, and their
    // histories hold seeds sealed with it.
    String sealingKeys = env.get("CROUPIER_SEED_SEALING_KEYS");
    appEnv.put(
        "CROUPIER_SEED_SEALING_KEYS",
        sealingKeys != null
            ? sealingKeys
            : persistentKey(config.home().resolve("seed-sealing.key")));
    // The admin app seals staff TOTP secrets with this key: like the seed key, it outlives the run.
    String adminKeys = env.get("CROUPIER_ADMIN_SECRET_KEYS");
    appEnv.put(
        "CROUPIER_ADMIN_SECRET_KEYS",
        adminKeys != null ? adminKeys : persistentKey(config.home().resolve("admin-secret.key")));
    // Evidence: the workers open their evidence port to admin's certificate, and admin signs
    // bundles with the export key, which outlives the run so that auditors can pin it.
    String evidencePort = env.getOrDefault("CROUPIER_WORKERS_EVIDENCE_PORT", "8442");
    appEnv.put("CROUPIER_WORKERS_EVIDENCE_PORT", evidencePort);
    appEnv.put("CROUPIER_WORKERS_EVIDENCE_URL", "https://" + Ports.LOOPBACK + ":" + evidencePort);
    String exportKey = env.get("CROUPIER_EVIDENCE_SIGNING_KEY");
    appEnv.put(
        "CROUPIER_EVIDENCE_SIGNING_KEY",
        exportKey != null
            ? exportKey
            : persistentSigningKey(config.home().resolve("evidence-signing.key")));
    appEnv.put(
        "CROUPIER_EVIDENCE_DIR",
        env.getOrDefault("CROUPIER_EVIDENCE_DIR", config.home().resolve("evidence").toString()));
    appEnv.put(
        "CROUPIER_TEMPORAL_UI_URL",
        stack.temporal().flatMap(s -> s.webUi()).orElse("http://" + Ports.LOOPBACK + ":8233"));
    appEnv.put(
        "CROUPIER_IDENTITY_JWT_GENERATEDEVKEY",
        env.getOrDefault("CROUPIER_IDENTITY_JWT_GENERATEDEVKEY", "true"));
    return appEnv;
  }

  /**
   * Runs the migrations once, as the migration role ({@code CROUPIER_DB_USER}, which owns the
   * schemas), before any app starts: the apps connect as their context roles and may not migrate.
   */
  private void migrate(PostgresSettings postgres) {
    say("Migrating the database as " + postgres.user());
    try {
      Flyway.configure()
          .dataSource(postgres.url(), postgres.user(), postgres.password())
          .locations("classpath:db/migration")
          .load()
          .migrate();
    } catch (RuntimeException e) {
      throw new DevStackException(
          "Migrating the database as %s failed: %s. The migration role must own the schemas (and have CREATEROLE where the context roles are missing); `bash .ci/ensure-postgres.sh` sets up both for dev."
              .formatted(
                  postgres.user(), String.valueOf(e.getMessage()).lines().findFirst().orElse("")),
          e);
    }
  }

  /**
   * The app's mutual-TLS identity: {@code <dir>/<identity>.pem} and {@code .key} and the CA in
   * {@code <dir>/ca.pem}, where the directory is {@code CROUPIER_TLS_DIR} (production supplies its
   * own files there) or {@code .croupier/tls}, where a dev CA and one certificate per service are
   * made on the first run and kept, like the seed sealing key.
   */
  private Map<String, String> tlsEnvironment(Path home, App app) {
    String given = env.get("CROUPIER_TLS_DIR");
    Path dir;
    if (given != null && !given.isBlank()) {
      dir = Path.of(given);
      for (String file : List.of("ca.pem", app.identity() + ".pem", app.identity() + ".key")) {
        if (!Files.isReadable(dir.resolve(file))) {
          throw new DevStackException(
              "CROUPIER_TLS_DIR has no readable %s. Put the CA certificate (ca.pem) and each service's certificate and key (<service>.pem, <service>.key) there, or unset CROUPIER_TLS_DIR for dev certificates."
                  .formatted(dir.resolve(file)));
        }
      }
    } else {
      dir = home.resolve("tls");
      DevCertificates.in(dir).identity(app.identity());
    }
    return Map.of(
        "CROUPIER_TLS_CERT", dir.resolve(app.identity() + ".pem").toString(),
        "CROUPIER_TLS_KEY", dir.resolve(app.identity() + ".key").toString(),
        "CROUPIER_TLS_CA", dir.resolve("ca.pem").toString());
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
      throw new DevStackException("Cannot keep a dev key in " + file + ": " + e, e);
    }
  }

  /** An Ed25519 private key (base64 PKCS#8) kept in {@code file}, mode 600, made once. */
  private static String persistentSigningKey(Path file) {
    try {
      if (Files.exists(file)) {
        return Files.readString(file).strip();
      }
      Files.createDirectories(file.getParent());
      String key =
          Base64.getEncoder()
              .encodeToString(
                  java.security.KeyPairGenerator.getInstance("Ed25519")
                      .generateKeyPair()
                      .getPrivate()
                      .getEncoded());
      Files.createFile(
          file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(file, key + "\n");
      return key;
    } catch (IOException | java.security.GeneralSecurityException e) {
      throw new DevStackException("Cannot keep the dev export key in " + file + ": " + e, e);
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
