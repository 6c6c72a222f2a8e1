package dev.croupier.testsupport;

import dev.croupier.devstack.DevStackException;
import dev.croupier.devstack.Ports;
import dev.croupier.devstack.TemporalServer;
import dev.croupier.devstack.TemporalSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Temporal service as its own process, for tests that kill and restart workers: the Temporal
 * CLI dev server where the CLI is installed, else the Java test server process. One per test run
 * (JVM), on free loopback ports, with the {@code croupier} namespace and the platform's search
 * attributes. Inject {@link TemporalServer}. Workflow unit tests use the testing module's {@code
 * TestWorkflowExtension} instead.
 */
public final class TemporalServerExtension implements BeforeAllCallback, ParameterResolver {
  private static final Logger log = LoggerFactory.getLogger(TemporalServerExtension.class);
  private static TemporalServer shared;

  @Override
  public void beforeAll(ExtensionContext context) {
    server();
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == TemporalServer.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return server();
  }

  /** The shared server, started on first use and stopped when the JVM exits. */
  public static synchronized TemporalServer server() {
    if (shared == null) {
      shared = startServer("shared");
      TemporalServer server = shared;
      Runtime.getRuntime().addShutdownHook(new Thread(server::close));
      log.info("Temporal for tests: {} on {}", server.kind(), server.target());
    }
    return shared;
  }

  /**
   * Returns when {@code server} is the Temporal CLI's dev server; on the Java test server fallback
   * (no Web UI, state in memory) the test fails under CI and is skipped elsewhere ({@link
   * Requirement}).
   *
   * @param why what the test needs the dev server for
   */
  public static void requireDevServer(TemporalServer server, String why) {
    Requirement.require(
        server.kind() == TemporalServer.Kind.DEV_SERVER,
        "The Temporal CLI dev server (" + why + ")",
        "run `bash .ci/ensure-temporal-cli.sh`, which builds `temporal` with Go, or point"
            + " CROUPIER_TEMPORAL_CLI at a `temporal` binary");
  }

  /**
   * A private server in a fresh state directory; the caller closes it. Free ports are picked just
   * before the server binds them, so another process may take one first: then it starts again on
   * new ports, a few times at most.
   */
  public static TemporalServer startServer(String name) {
    DevStackException last = null;
    for (int attempt = 1; attempt <= 3; attempt++) {
      try {
        Path dir = Files.createTempDirectory("croupier-temporal-" + name + "-");
        TemporalSettings settings =
            new TemporalSettings(
                Ports.LOOPBACK,
                Ports.freePort(),
                Ports.freePort(),
                TemporalSettings.DEFAULT_NAMESPACE);
        return TemporalServer.start(settings, dir, dir.resolve("temporal.log"), log::info);
      } catch (DevStackException e) {
        last = e;
        log.warn("Temporal did not start (attempt {}): {}", attempt, e.getMessage());
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }
    throw last;
  }
}
