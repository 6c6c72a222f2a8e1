package dev.croupier.topology;

/**
 * A part of the topology that did not start or stopped: its message is the one line the operator
 * reads, naming the component and the log to read.
 */
public final class TopologyException extends RuntimeException {
  public TopologyException(String message) {
    super(message);
  }

  public TopologyException(String message, Throwable cause) {
    super(message, cause);
  }
}
