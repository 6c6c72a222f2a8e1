package dev.croupier.devstack;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Loopback port helpers: every dev service binds to 127.0.0.1 only. */
public final class Ports {
  public static final String LOOPBACK = "127.0.0.1";

  private Ports() {}

  /** A port that was free a moment ago; good enough for tests that bind it right away. */
  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new DevStackException("No free loopback port: " + e.getMessage(), e);
    }
  }

  public static boolean isOpen(String host, int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), 250);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** Fails with a one-line remedy when something else already listens on the port. */
  public static void requireFree(String service, String host, int port, String setting) {
    if (isOpen(host, port)) {
      throw new DevStackException(
          "Port %s:%d for %s is already taken by another process. Stop that process, or choose another port with %s."
              .formatted(host, port, service, setting));
    }
  }

  /** Waits until {@code host:port} accepts connections, or fails when {@code alive} turns false. */
  public static void awaitOpen(
      String service, String host, int port, Duration timeout, BooleanSupplier alive) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (isOpen(host, port)) {
        return;
      }
      if (!alive.getAsBoolean()) {
        throw new DevStackException(
            "%s exited before it listened on %s:%d; see its log.".formatted(service, host, port));
      }
      sleep(Duration.ofMillis(100));
    }
    throw new DevStackException(
        "%s did not listen on %s:%d within %ds; see its log."
            .formatted(service, host, port, timeout.toSeconds()));
  }

  /** Waits until nothing listens on {@code host:port} any more. */
  public static void awaitClosed(String host, int port, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (isOpen(host, port)) {
      if (System.nanoTime() > deadline) {
        throw new DevStackException(
            "%s:%d is still taken after %ds".formatted(host, port, timeout.toSeconds()));
      }
      sleep(Duration.ofMillis(100));
    }
  }

  static void sleep(Duration duration) {
    try {
      Thread.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DevStackException("Interrupted while waiting", e);
    }
  }
}
