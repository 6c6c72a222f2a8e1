package dev.croupier.launcher;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A Croupier app the launcher runs as its own process: where its runnable jar is built, the
 * environment variables that set its port and its management port (health and Prometheus, on
 * loopback), and how to show its address.
 */
record App(
    String name,
    String moduleDir,
    String portVariable,
    int defaultPort,
    String scheme,
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
              "CROUPIER_WALLET_MANAGEMENT_PORT",
              9091),
          new App(
              "realtime",
              "realtime",
              "CROUPIER_REALTIME_PORT",
              8083,
              "http",
              "CROUPIER_REALTIME_MANAGEMENT_PORT",
              9083),
          new App(
              "workers",
              "workers",
              "CROUPIER_WORKERS_PORT",
              8082,
              "http",
              "CROUPIER_WORKERS_MANAGEMENT_PORT",
              9082),
          new App(
              "gateway",
              "api-gateway",
              "CROUPIER_GATEWAY_PORT",
              8080,
              "http",
              "CROUPIER_GATEWAY_MANAGEMENT_PORT",
              9080),
          new App(
              "admin",
              "admin",
              "CROUPIER_ADMIN_PORT",
              8081,
              "http",
              "CROUPIER_ADMIN_MANAGEMENT_PORT",
              9081));

  /** The scrape job of its nodes in Prometheus: {@code croupier-<name>}. */
  String job() {
    return "croupier-" + name;
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
