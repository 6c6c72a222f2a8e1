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

  /** Opens a socket offering croupier.v1; fails with the handshake's HTTP status. */
  static WsClient connect(URI uri, Map<String, String> headers, boolean autoRead) {
    WsClient client = new WsClient(autoRead);
    WebSocket.Builder builder =
        HTTP.newWebSocketBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .subprotocols(WsProperties.SUBPROTOCOL);
    headers.forEach(builder::header);
    try {
      client.socket = builder.buildAsync(uri, client).get(10, TimeUnit.SECONDS);
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
  static int refusal(URI uri, Map<String, String> headers) {
    try {
      WsClient c = connect(uri, headers, true);
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
