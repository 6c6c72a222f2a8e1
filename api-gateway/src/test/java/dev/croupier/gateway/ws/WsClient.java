package dev.croupier.gateway.ws;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import org.awaitility.Awaitility;
import tools.jackson.databind.JsonNode;

/**
 * A protocol client over the JDK's WebSocket: sends {@code {id, type, payload}}, matches replies by
 * {@code re}, keeps events, and checks every frame the server sends against the JSON Schema.
 */
final class WsClient implements WebSocket.Listener {
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final Map<String, CompletableFuture<JsonNode>> replies = new ConcurrentHashMap<>();
  final List<JsonNode> events = new CopyOnWriteArrayList<>();
  final List<String> schemaViolations = new CopyOnWriteArrayList<>();
  final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
  private final boolean autoRead;
  private final StringBuilder partial = new StringBuilder();
  private volatile WebSocket socket;

  private WsClient(boolean autoRead) {
    this.autoRead = autoRead;
  }

  /**
   * Where and how to open a socket: the URL (never with a token in it), the subprotocols offered
   * ({@code croupier.v1} and usually a one-time {@code croupier.ticket.<ticket>}) and any headers.
   */
  record Target(URI uri, List<String> subprotocols, Map<String, String> headers) {}

  /** Opens a socket as {@code target} says; fails with the handshake's HTTP status. */
  static WsClient connect(Target target, Map<String, String> headers, boolean autoRead) {
    WsClient client = new WsClient(autoRead);
    WebSocket.Builder builder = HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5));
    if (!target.subprotocols().isEmpty()) {
      builder.subprotocols(
          target.subprotocols().get(0),
          target.subprotocols().subList(1, target.subprotocols().size()).toArray(String[]::new));
    }
    target.headers().forEach(builder::header);
    headers.forEach(builder::header);
    try {
      client.socket = builder.buildAsync(target.uri(), client).get(10, TimeUnit.SECONDS);
      return client;
    } catch (ExecutionException e) {
      if (e.getCause() instanceof WebSocketHandshakeException h) {
        throw new HandshakeRefused(h.getResponse().statusCode());
      }
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException | TimeoutException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The HTTP status of a refused upgrade. */
  static int refusal(Target target, Map<String, String> headers) {
    try {
      WsClient c = connect(target, headers, true);
      c.abort();
      return 101;
    } catch (HandshakeRefused e) {
      return e.status;
    }
  }

  static final class HandshakeRefused extends RuntimeException {
    final int status;

    HandshakeRefused(int status) {
      super("upgrade refused with HTTP " + status);
      this.status = status;
    }
  }

  @Override
  public void onOpen(WebSocket webSocket) {
    if (autoRead) {
      webSocket.request(1);
    }
  }

  @Override
  public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
    partial.append(data);
    if (last) {
      String text = partial.toString();
      partial.setLength(0);
      String violations = ProtocolSchema.violations(text);
      if (!violations.isEmpty()) {
        schemaViolations.add(violations + " in " + text);
      }
      JsonNode frame = WsStack.JSON.readTree(text);
      JsonNode re = frame.get("re");
      if (re != null && re.isString()) {
        replies.computeIfAbsent(re.stringValue(), k -> new CompletableFuture<>()).complete(frame);
      } else {
        events.add(frame);
      }
    }
    webSocket.request(1);
    return null;
  }

  @Override
  public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
    webSocket.request(1);
    return null;
  }

  @Override
  public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
    closeCode.complete(statusCode);
    return null;
  }

  @Override
  public void onError(WebSocket webSocket, Throwable error) {
    closeCode.complete(1006);
  }

  /** Starts reading (for a client opened without reading). */
  void startReading() {
    socket.request(Long.MAX_VALUE);
  }

  void sendRaw(String text) {
    socket.sendText(text, true).join();
  }

  /** Sends without waiting for the answer; returns the id. */
  String send(String id, String type, Object payload) {
    replies.put(id, new CompletableFuture<>());
    sendRaw(WsStack.JSON.writeValueAsString(Map.of("id", id, "type", type, "payload", payload)));
    return id;
  }

  /** Sends a request with a fresh id and waits for its reply or error frame. */
  JsonNode request(String type, Object payload) {
    return request(UUID.randomUUID().toString(), type, payload);
  }

  JsonNode request(String id, String type, Object payload) {
    send(id, type, payload);
    return reply(id);
  }

  /**
   * Sends {@code n} requests back to back without waiting, then collects their replies in order: a
   * burst that arrives faster than any bucket refills, however slow the machine.
   */
  List<JsonNode> burst(String idPrefix, String type, Object payload, int n) {
    for (int i = 0; i < n; i++) {
      send(idPrefix + i, type, payload);
    }
    List<JsonNode> out = new java.util.ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(reply(idPrefix + i));
    }
    return out;
  }

  JsonNode reply(String id) {
    try {
      return replies.computeIfAbsent(id, k -> new CompletableFuture<>()).get(30, TimeUnit.SECONDS);
    } catch (InterruptedException | ExecutionException | TimeoutException e) {
      throw new AssertionError("no reply to " + id, e);
    }
  }

  /** Waits for an event matching the predicate. */
  JsonNode awaitEvent(Predicate<JsonNode> match) {
    return Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> events.stream().filter(match).findFirst().orElse(null), e -> e != null);
  }

  JsonNode awaitEvent(String type) {
    return awaitEvent(e -> type.equals(e.path("type").asString()));
  }

  /** The close code once the socket closes (1006 when it broke without a close frame). */
  int awaitClose(Duration within) {
    try {
      return closeCode.get(within.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException | ExecutionException | TimeoutException e) {
      throw new AssertionError("the socket did not close within " + within, e);
    }
  }

  boolean isClosed() {
    return closeCode.isDone();
  }

  void close() {
    try {
      socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(5, TimeUnit.SECONDS);
    } catch (InterruptedException | ExecutionException | TimeoutException | CompletionException e) {
      socket.abort();
    }
  }

  void abort() {
    socket.abort();
  }
}
