package dev.croupier.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.croupier.devstack.Ports;
import dev.croupier.testsupport.Management;
import dev.croupier.testsupport.PostgresDatabase;
import dev.croupier.testsupport.PostgresExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The back office is operable like every other app: health and Prometheus on its loopback
 * management port, with no staff session needed there, and none of it on the staff port.
 */
@ExtendWith(PostgresExtension.class)
class AdminManagementTest {

  @Test
  void managementPortServesReadinessAndTheLiveLedgersMetersAndTheStaffPortDoesNot(
      PostgresDatabase db) throws Exception {
    int managementPort = Ports.freePort();
    try (TestAdmin admin = TestAdmin.start(db, Map.of("management.server.port", managementPort))) {
      Management management = Management.at(managementPort);

      Management.Health ready = management.readiness();
      assertThat(ready.httpStatus()).isEqualTo(200);
      assertThat(ready.components())
          .containsEntry("db", "UP")
          .containsEntry("readinessState", "UP");
      assertThat(management.liveness().status()).isEqualTo("UP");

      String scrape = management.prometheus();
      assertThat(scrape)
          .contains(
              "croupier_admin_ledger_read_total",
              "croupier_admin_ledger_dropped_total",
              "croupier_admin_ledger_viewers",
              "jvm_memory_used_bytes",
              "hikaricp_connections_max");
      assertThat(Management.sum(scrape, "croupier_admin_ledger_viewers", Map.of())).isZero();

      // The staff port serves staff pages only: no health or scrape there, signed in or not.
      HttpResponse<String> onStaffPort =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(admin.base() + "/actuator/prometheus"))
                      .GET()
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(onStaffPort.body()).doesNotContain("jvm_memory_used_bytes");
      assertThat(onStaffPort.statusCode()).isNotEqualTo(200);
    }
  }
}
