package dev.croupier.topology.db;

/**
 * A component of the database cluster did not start, or the cluster could not do what was asked;
 * the message is one line naming the component and the log to read.
 */
public final class ClusterStartException extends RuntimeException {
  ClusterStartException(String message) {
    super(message);
  }

  ClusterStartException(String message, Throwable cause) {
    super(message, cause);
  }
}
