package dev.croupier.topology.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.croupier.testsupport.Requirement;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A component that cannot start stops the whole cluster with one line naming it and its log. */
class PatroniClusterStartTest {
  @Test
  void etcdOnATakenPortStopsTheStartWithOneLineNamingItsLogAndLeavesNoProcess()
      throws IOException, InterruptedException {
    Requirement.require(
        Binaries.present(),
        "patroni, etcd and haproxy (Debian's patroni, etcd-server, haproxy)",
        "bash .ci/ensure-topology.sh");
    Path dir = Files.createTempDirectory(Path.of("/tmp"), "croupier-patroni-start-");
    PatroniCluster.Ports ports = PatroniCluster.Ports.free();
    try (ServerSocket taken =
        new ServerSocket(ports.etcdClient(), 1, InetAddress.getByName("127.0.0.1"))) {
      assertThatThrownBy(() -> PatroniCluster.start(dir, ports))
          .isInstanceOf(ClusterStartException.class)
          .hasMessageStartingWith("etcd ")
          .hasMessageContaining("read " + dir.resolve("etcd.log"))
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }
    assertThat(
            ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().orElse("").contains(dir.toString())))
        .isEmpty();
    new ProcessBuilder("rm", "-rf", dir.toString()).start().waitFor(30, TimeUnit.SECONDS);
  }
}
