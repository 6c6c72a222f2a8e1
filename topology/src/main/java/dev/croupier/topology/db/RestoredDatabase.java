package dev.croupier.topology.db;

import dev.croupier.devstack.ManagedProcess;
import java.nio.file.Path;

/**
 * A standalone PostgreSQL restored by {@link PatroniCluster#restoreAt}: the cluster's roles and
 * data as of the chosen moment, on its own loopback port. Closing it stops the server and leaves
 * its folder.
 */
public final class RestoredDatabase implements AutoCloseable {
  private final int port;
  private final ManagedProcess process;
  private final Path log;

  RestoredDatabase(int port, ManagedProcess process, Path log) {
    this.port = port;
    this.process = process;
    this.log = log;
  }

  /** The JDBC URL of {@code database} on the restored server. */
  public String jdbcUrl(String database) {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
  }

  /** The restored server's port on 127.0.0.1. */
  public int port() {
    return port;
  }

  /** The restored server's log: its recovery is there. */
  public Path log() {
    return log;
  }

  /** Stops the server (SIGTERM, then SIGKILL); idempotent. */
  @Override
  public void close() {
    process.close();
  }
}
