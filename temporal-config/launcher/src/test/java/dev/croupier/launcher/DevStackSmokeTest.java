package dev.croupier.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.croupier.devstack.DevStack;
import dev.croupier.devstack.Ports;
import dev.croupier.devstack.PostgresSettings;
import dev.croupier.devstack.TemporalServer;
import dev.croupier.devstack.Topics;
import dev.croupier.testsupport.Browser;
import io.temporal.api.workflowservice.v1.ListWorkflowExecutionsRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.WorkerFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * Starts the dev stack for real, exactly as the launcher does, and uses every service in it: a
 * workflow runs through a worker and is found by its search attribute, a record goes through the
 * broker, PostgreSQL answers, and the Temporal Web UI lists the workflow in headless Chromium.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DevStackSmokeTest {
  static final Path ARTIFACTS = Path.of("target/artifacts");
  private DevStack stack;

  @BeforeAll
  void startStack() throws IOException {
    Map<String, String> env = new HashMap<>(System.getenv());
    int temporalPort = Ports.freePort();
    env.put("CROUPIER_TEMPORAL_TARGET", Ports.LOOPBACK + ":" + temporalPort);
    env.put("CROUPIER_TEMPORAL_UI_PORT", String.valueOf(Ports.freePort()));
    env.put("CROUPIER_KAFKA_BOOTSTRAP", Ports.LOOPBACK + ":" + Ports.freePort());
    Path home = Files.createTempDirectory("croupier-smoke-");
    stack = DevStack.start(DevStack.Config.from(home, env), line -> {});
  }

  private TemporalServer temporal() {
    return stack.temporal().orElseThrow();
  }

  @AfterAll
  void stopStack() {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void workflowRunsOnTheDevServerAndIsFoundBySearchAttribute() throws Exception {
    String userId = "smoke-" + UUID.randomUUID();
    String workflowId = "smoke-" + UUID.randomUUID();
    WorkflowServiceStubs service =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget(temporal().target()).build());
    String namespace = stack.config().temporal().namespace();
    WorkflowClient client =
        WorkflowClient.newInstance(
            service, WorkflowClientOptions.newBuilder().setNamespace(namespace).build());
    WorkerFactory factory = WorkerFactory.newInstance(client);
    factory.newWorker("smoke").registerWorkflowImplementationTypes(SmokeWorkflow.Impl.class);
    factory.start();
    try {
      SmokeWorkflow workflow =
          client.newWorkflowStub(
              SmokeWorkflow.class,
              WorkflowOptions.newBuilder().setTaskQueue("smoke").setWorkflowId(workflowId).build());
      assertThat(workflow.greet(userId)).isEqualTo("hello " + userId);

      ListWorkflowExecutionsRequest query =
          ListWorkflowExecutionsRequest.newBuilder()
              .setNamespace(namespace)
              .setQuery("CroupierUserId = '" + userId + "'")
              .build();
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () ->
                  assertThat(
                          service.blockingStub().listWorkflowExecutions(query).getExecutionsList())
                      .extracting(e -> e.getExecution().getWorkflowId())
                      .containsExactly(workflowId));

      if (temporal().kind() == TemporalServer.Kind.DEV_SERVER) {
        webUiListsTheWorkflow(namespace, userId, workflowId);
      }
    } finally {
      factory.shutdownNow();
      service.shutdownNow();
    }
  }

  private void webUiListsTheWorkflow(String namespace, String userId, String workflowId)
      throws IOException {
    ChromeDriver browser = Browser.start();
    try {
      String query = java.net.URLEncoder.encode("CroupierUserId=\"" + userId + "\"", "UTF-8");
      browser.get(
          temporal().webUi().orElseThrow()
              + "/namespaces/"
              + namespace
              + "/workflows?query="
              + query);
      await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(500))
          .until(() -> browser.findElement(By.tagName("body")).getText().contains(workflowId));
      Files.createDirectories(ARTIFACTS);
      Path shot = browser.getScreenshotAs(OutputType.FILE).toPath();
      Files.copy(
          shot, ARTIFACTS.resolve("temporal-web-ui.png"), StandardCopyOption.REPLACE_EXISTING);
    } finally {
      browser.quit();
    }
  }

  @Test
  void recordProducedToTheBrokerIsConsumedBack() throws Exception {
    String topic = Topics.LOBBY_CHAT.name();
    String key = "smoke-" + UUID.randomUUID();
    Map<String, Object> producerProps =
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            stack.config().kafkaBootstrap(),
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
            true,
            ProducerConfig.ACKS_CONFIG,
            "all");
    try (var producer =
        new KafkaProducer<>(producerProps, new StringSerializer(), new StringSerializer())) {
      producer.send(new ProducerRecord<>(topic, key, "hello from the smoke test")).get();
    }
    Map<String, Object> consumerProps =
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            stack.config().kafkaBootstrap(),
            ConsumerConfig.GROUP_ID_CONFIG,
            key,
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
            "earliest");
    try (var consumer =
        new KafkaConsumer<>(consumerProps, new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(List.of(topic));
      List<String> values = new java.util.ArrayList<>();
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () -> {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                  if (key.equals(r.key())) {
                    values.add(r.value());
                  }
                }
                return !values.isEmpty();
              });
      assertThat(values).containsExactly("hello from the smoke test");
    }
  }

  @Test
  void postgresAnswersWithTheMigratableDatabase() throws Exception {
    PostgresSettings pg = stack.config().postgres();
    try (Connection c = java.sql.DriverManager.getConnection(pg.url(), pg.user(), pg.password());
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("select current_database(), version()")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1)).isEqualTo(pg.database());
      assertThat(rs.getString(2)).startsWith("PostgreSQL");
    }
  }
}
