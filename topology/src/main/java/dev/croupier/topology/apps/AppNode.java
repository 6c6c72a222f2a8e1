package dev.croupier.topology.apps;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One app process of the topology: its name ({@code gateway-2}), the module whose {@code
 * *-exec.jar} it runs, its service port and management port (health and Prometheus), how its
 * address is shown, and the environment that points it at the topology's database, Temporal server,
 * brokers and peers.
 */
public record AppNode(
    String name,
    String moduleDir,
    int port,
    int managementPort,
    String scheme,
    Map<String, String> env) {

  /** The Spring Boot jar with the {@code exec} classifier, once the module is packaged. */
  public Optional<Path> executableJar(Path root) {
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

  /** The readiness endpoint HAProxy and the topology check. */
  public String readinessUrl(String host) {
    return "http://%s:%d/actuator/health/readiness".formatted(host, managementPort);
  }

  @Override
  public String toString() {
    // The environment holds keys: never print it.
    return "AppNode[%s on %d, management %d]".formatted(name, port, managementPort);
  }
}
