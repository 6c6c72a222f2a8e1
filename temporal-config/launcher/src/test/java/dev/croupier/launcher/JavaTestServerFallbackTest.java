package dev.croupier.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.croupier.devstack.Ports;
import dev.croupier.devstack.TemporalServer;
import dev.croupier.devstack.TemporalSettings;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.WorkerFactory;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Where Go is missing, the Java test server stands in: it must run workflows and stay on loopback.
 */
class JavaTestServerFallbackTest {

  @Test
  void javaTestServerRunsWorkflowsAndListensOnLoopbackOnly() throws Exception {
    Path dir = Files.createTempDirectory("croupier-test-server-");
    TemporalSettings settings =
        new TemporalSettings(Ports.LOOPBACK, Ports.freePort(), Ports.freePort(), "croupier");
    try (TemporalServer server =
        TemporalServer.startJavaTestServer(settings, dir, dir.resolve("test-server.log"))) {
      assertThat(server.kind()).isEqualTo(TemporalServer.Kind.JAVA_TEST_SERVER);
      assertThat(server.webUi()).isEmpty();

      WorkflowServiceStubs service =
          WorkflowServiceStubs.newServiceStubs(
              WorkflowServiceStubsOptions.newBuilder().setTarget(server.target()).build());
      WorkflowClient client =
          WorkflowClient.newInstance(
              service, WorkflowClientOptions.newBuilder().setNamespace("croupier").build());
      WorkerFactory factory = WorkerFactory.newInstance(client);
      factory.newWorker("fallback").registerWorkflowImplementationTypes(SmokeWorkflow.Impl.class);
      factory.start();
      try {
        SmokeWorkflow workflow =
            client.newWorkflowStub(
                SmokeWorkflow.class,
                WorkflowOptions.newBuilder()
                    .setTaskQueue("fallback")
                    .setWorkflowId("fallback-1")
                    .setWorkflowRunTimeout(java.time.Duration.ofSeconds(30))
                    .build());
        // Upserting CroupierUserId only works because the main registered the search attribute.
        assertThat(workflow.greet("p1")).isEqualTo("hello p1");
      } finally {
        factory.shutdownNow();
        service.shutdownNow();
      }

      Optional<InetAddress> external = nonLoopbackAddress();
      if (external.isPresent()) {
        assertThat(Ports.isOpen(external.get().getHostAddress(), settings.port())).isFalse();
      }
      assertThat(Ports.isOpen(Ports.LOOPBACK, settings.port())).isTrue();
    }
  }

  private static Optional<InetAddress> nonLoopbackAddress() throws Exception {
    for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
      if (nic.isUp() && !nic.isLoopback()) {
        for (InetAddress address : Collections.list(nic.getInetAddresses())) {
          if (address instanceof Inet4Address) {
            return Optional.of(address);
          }
        }
      }
    }
    return Optional.empty();
  }
}
