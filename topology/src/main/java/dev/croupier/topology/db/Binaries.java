package dev.croupier.topology.db;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** Where Debian's packages put etcd, Patroni, HAProxy and the newest PostgreSQL's binaries. */
record Binaries(Path etcd, Path patroni, Path haproxy, Path postgresBin) {
  static final String INSTALL =
      "run bash .ci/ensure-topology.sh (Debian's patroni, etcd-server and haproxy)";

  /** Whether all of them are installed. */
  static boolean present() {
    return find().isPresent();
  }

  static Binaries locate() {
    Path etcd = executable("etcd", "/usr/bin/etcd");
    Path patroni = executable("patroni", "/usr/bin/patroni");
    Path haproxy = executable("haproxy", "/usr/sbin/haproxy");
    Path postgres =
        newestPostgres()
            .orElseThrow(
                () ->
                    new ClusterStartException(
                        "PostgreSQL's server binaries are missing (/usr/lib/postgresql/*/bin):"
                            + " run bash .ci/ensure-postgres.sh"));
    return new Binaries(etcd, patroni, haproxy, postgres);
  }

  static Optional<Binaries> find() {
    try {
      return Optional.of(locate());
    } catch (ClusterStartException e) {
      return Optional.empty();
    }
  }

  private static Path executable(String name, String path) {
    Path p = Path.of(path);
    if (!Files.isExecutable(p)) {
      throw new ClusterStartException(name + " is missing (" + path + "): " + INSTALL);
    }
    return p;
  }

  private static Optional<Path> newestPostgres() {
    Path root = Path.of("/usr/lib/postgresql");
    if (!Files.isDirectory(root)) {
      return Optional.empty();
    }
    try (Stream<Path> versions = Files.list(root)) {
      List<Path> bins =
          versions
              .map(v -> v.resolve("bin"))
              .filter(b -> Files.isExecutable(b.resolve("postgres")))
              .sorted(Comparator.comparing(Binaries::major))
              .toList();
      return bins.isEmpty() ? Optional.empty() : Optional.of(bins.getLast());
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static int major(Path bin) {
    try {
      return Integer.parseInt(bin.getParent().getFileName().toString());
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
