package dev.croupier.testsupport;

import dev.croupier.devstack.DevStackException;
import dev.croupier.devstack.KafkaBroker;
import dev.croupier.devstack.Ports;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A real single-node KRaft Kafka broker, one per test run (JVM), on a free loopback port, with the
 * platform's topics created. Inject {@link KafkaBroker} as a parameter. Tests that stop the broker
 * should start their own with {@link KafkaBroker#start} instead of using the shared one.
 */
public final class KafkaExtension implements BeforeAllCallback, ParameterResolver {
  private static KafkaBroker shared;

  @Override
  public void beforeAll(ExtensionContext context) {
    broker();
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == KafkaBroker.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return broker();
  }

  /** The shared broker, started on first use and stopped when the JVM exits. */
  public static synchronized KafkaBroker broker() {
    if (shared == null) {
      shared = startBroker("shared");
      KafkaBroker broker = shared;
      Runtime.getRuntime().addShutdownHook(new Thread(broker::close));
    }
    return shared;
  }

  /**
   * A private broker in a fresh temporary directory; the caller closes it. Like the Temporal
   * server, it starts again on new ports if another process took a free port first.
   */
  public static KafkaBroker startBroker(String name) {
    DevStackException last = null;
    for (int attempt = 1; attempt <= 3; attempt++) {
      try {
        Path dir = Files.createTempDirectory("croupier-kafka-" + name + "-");
        return KafkaBroker.start(Ports.LOOPBACK, Ports.freePort(), dir, dir.resolve("kafka.log"));
      } catch (DevStackException e) {
        last = e;
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }
    throw last;
  }
}
