package dev.croupier.launcher;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A Croupier app the launcher runs as its own process: where its runnable jar is built, the
 * environment variables that set its port and its management port (health and Prometheus, on
 * loopback), how to show its address, the service name its mutual-TLS certificate carries (the
 * wallet authorizes callers by it), and the database role it connects as (rights on its own
 * context's schema only).
 */
record App(
    String name,
    String moduleDir,
    String portVariable,
    int defaultPort,
    String scheme,
    String identity,
    String dbRole,
    String managementPortVariable,
    int defaultManagementPort) {

  /** Every app, in start order: the wallet first, since the others call it. */
  static final List<App> ALL =
      List.of(
          new App(
              "wallet",
              "wallet-ledger/server",
              "CROUPIER_WALLET_GRPC_PORT",
              9090,
              "grpc",
              "wallet",
              "croupier_wallet",
              "CROUPIER_WALLET_MANAGEMENT_PORT",
              9091),
          new App(
              "realtime",
              "realtime",
              "CROUPIER_REALTIME_PORT",
              8083,
              "http",
              "realtime",
              "croupier_realtime",
              "CROUPIER_REALTIME_MANAGEMENT_PORT",
              9083),
          new App(
              "workers",
              "workers",
              "CROUPIER_WORKERS_PORT",
              8082,
              "http",
              "workers",
              "croupier_game",
              "CROUPIER_WORKERS_MANAGEMENT_PORT",
              9082),
          new App(
              "gateway",
              "api-gateway",
              "CROUPIER_GATEWAY_PORT",
              8080,
              "http",
              "api-gateway",
              "croupier_identity",
              "CROUPIER_GATEWAY_MANAGEMENT_PORT",
              9080),
          new App(
              "admin",
              "admin",
              "CROUPIER_ADMIN_PORT",
              8081,
              "http",
              "admin",
              "croupier_admin",
              "CROUPIER_ADMIN_MANAGEMENT_PORT",
              9081));

  /** The scrape job of its nodes in Prometheus: {@code croupier-<name>}. */
  String job() {
    return "croupier-" + name;
  }

  /** Overrides the app's database role, e.g. {@code CROUPIER_WALLET_DB_USER}. */
  String dbRoleVariable() {
    return "CROUPIER_" + name.toUpperCase(java.util.Locale.ROOT) + "_DB_USER";
  }

  /** The password of the app's database role, e.g. {@code CROUPIER_WALLET_DB_PASSWORD}. */
  String dbPasswordVariable() {
    return "CROUPIER_" + name.toUpperCase(java.util.Locale.ROOT) + "_DB_PASSWORD";
  }

  /** The Spring Boot jar with the {@code exec} classifier, once the module has an app in it. */
  Optional<Path> executableJar(Path root) {
    Path target = root.resolve(moduleDir).resolve("target");
    if (!Files.isDirectory(target)) {
      return Optional.empty();
    }
    try (Stream<Path> files = Files.list(target)) {
      return files.filter(p -> p.getFileName().toString().endsWith("-exec.jar")).findFirst();
    } catch (java.io.IOException e) {
      return Optional.empty();
    }
  }
}
