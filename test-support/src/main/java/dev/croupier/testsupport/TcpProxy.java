package dev.croupier.testsupport;

import dev.croupier.devstack.Ports;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP proxy on a loopback port that a test owns, in front of a real service: the test points an
 * app at the proxy, then {@link #cut()}s it to take the service away from that app alone (every
 * open connection is reset, new ones are refused) and {@link #restore()}s it, on the same port.
 * Other tests and processes keep using the service directly; the shared PostgreSQL server never
 * stops.
 */
public final class TcpProxy implements AutoCloseable {
  private final String targetHost;
  private final int targetPort;
  private final int port;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private volatile ServerSocket listener;

  private TcpProxy(String targetHost, int targetPort, int port) {
    this.targetHost = targetHost;
    this.targetPort = targetPort;
    this.port = port;
  }

  /** A proxy on a free loopback port to {@code targetHost:targetPort}, accepting at once. */
  public static TcpProxy to(String targetHost, int targetPort) {
    TcpProxy proxy = new TcpProxy(targetHost, targetPort, Ports.freePort());
    proxy.restore();
    return proxy;
  }

  /** The port apps connect to. */
  public int port() {
    return port;
  }

  /** Takes the service away: resets every connection through the proxy and refuses new ones. */
  public synchronized void cut() {
    ServerSocket l = listener;
    listener = null;
    closeQuietly(l);
    for (Socket s : open) {
      try {
        s.setSoLinger(true, 0); // a reset, as when the server's host goes away
      } catch (IOException e) {
        // already closed
      }
      closeQuietly(s);
    }
    open.clear();
  }

  /** Accepts connections again, on the same port. */
  public synchronized void restore() {
    if (listener != null) {
      return;
    }
    try {
      ServerSocket l = new ServerSocket();
      l.setReuseAddress(true);
      l.bind(new InetSocketAddress(InetAddress.getByName(Ports.LOOPBACK), port), 128);
      listener = l;
      Thread.ofVirtual().name("tcp-proxy-" + port).start(() -> accept(l));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot listen on port " + port, e);
    }
  }

  private void accept(ServerSocket l) {
    while (!l.isClosed()) {
      Socket client;
      try {
        client = l.accept();
      } catch (IOException e) {
        return;
      }
      try {
        Socket server = new Socket(targetHost, targetPort);
        open.add(client);
        open.add(server);
        pump(client, server);
        pump(server, client);
      } catch (IOException e) {
        closeQuietly(client);
      }
    }
  }

  private void pump(Socket from, Socket to) {
    Thread.ofVirtual()
        .start(
            () -> {
              byte[] buffer = new byte[16 * 1024];
              try (InputStream in = from.getInputStream();
                  OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                  out.write(buffer, 0, n);
                  out.flush();
                }
              } catch (IOException e) {
                // the other side or cut() closed the connection
              } finally {
                closeQuietly(from);
                closeQuietly(to);
                open.remove(from);
                open.remove(to);
              }
            });
  }

  private static void closeQuietly(AutoCloseable c) {
    if (c == null) {
      return;
    }
    try {
      c.close();
    } catch (Exception e) {
      // nothing left to do
    }
  }

  @Override
  public void close() {
    cut();
  }
}
