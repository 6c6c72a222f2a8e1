package dev.croupier.topology.apps;

import static org.assertj.core.api.Assertions.assertThat;

import dev.croupier.testsupport.Requirement;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The gateways' HAProxy configuration, checked by HAProxy itself. */
class GatewayProxyTest {
  @TempDir Path dir;

  private static final List<AppNode> GATEWAYS =
      List.of(
          new AppNode("gateway-1", "api-gateway", 16080, 17080, "http", Map.of()),
          new AppNode("gateway-2", "api-gateway", 16180, 17180, "http", Map.of()));

  @Test
  void configIsValidAndChecksEachGatewayOnItsReadinessEndpoint() throws Exception {
    Path haproxy = Path.of("/usr/sbin/haproxy");
    Requirement.require(
        Files.isExecutable(haproxy), "HAProxy", "bash .ci/ensure-topology.sh (Debian's haproxy)");
    String config = GatewayProxy.config("127.0.0.1", 15080, 15081, GATEWAYS);
    assertThat(config)
        .contains("timeout tunnel 1h")
        .contains("option httpchk GET /actuator/health/readiness")
        .contains("server gateway-1 127.0.0.1:16080 check port 17080")
        .contains("server gateway-2 127.0.0.1:16180 check port 17180");
    Path file = dir.resolve("haproxy.cfg");
    Files.writeString(file, config);
    Process check =
        new ProcessBuilder(haproxy.toString(), "-c", "-f", file.toString())
            .redirectErrorStream(true)
            .start();
    String output = new String(check.getInputStream().readAllBytes());
    assertThat(check.waitFor()).as(output).isZero();
  }

  @Test
  void aBrokenConfigIsRejectedByTheSameCheck() throws Exception {
    Path haproxy = Path.of("/usr/sbin/haproxy");
    Requirement.require(
        Files.isExecutable(haproxy), "HAProxy", "bash .ci/ensure-topology.sh (Debian's haproxy)");
    Path file = dir.resolve("haproxy.cfg");
    Files.writeString(
        file,
        GatewayProxy.config("127.0.0.1", 15080, 15081, GATEWAYS)
            .replace("balance leastconn", "balance nonsense"));
    Process check =
        new ProcessBuilder(haproxy.toString(), "-c", "-f", file.toString())
            .redirectErrorStream(true)
            .start();
    check.getInputStream().readAllBytes();
    assertThat(check.waitFor()).isNotZero();
  }
}
