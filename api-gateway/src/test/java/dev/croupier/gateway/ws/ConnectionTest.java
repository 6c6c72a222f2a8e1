package dev.croupier.gateway.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.croupier.gateway.identity.AuthenticatedPlayer;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketSession;

/**
 * The outbound queue of one socket whose reader stopped reading (its writes block): droppable
 * events go first, and a reply that does not fit closes the socket with 1013. Memory stays within
 * the configured frames.
 */
class ConnectionTest {
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  private final CountDownLatch reader = new CountDownLatch(1);
  private final AtomicInteger written = new AtomicInteger();
  private final AtomicReference<CloseStatus> closed = new AtomicReference<>();

  @AfterEach
  void release() {
    reader.countDown();
    executor.shutdownNow();
  }

  private Connection stuckConnection(int frames) {
    WebSocketSession session =
        (WebSocketSession)
            Proxy.newProxyInstance(
                getClass().getClassLoader(),
                new Class<?>[] {WebSocketSession.class},
                (proxy, method, args) ->
                    switch (method.getName()) {
                      case "getId" -> "stuck";
                      case "isOpen" -> closed.get() == null;
                      case "sendMessage" -> {
                        written.incrementAndGet();
                        reader.await();
                        yield null;
                      }
                      case "close" -> {
                        closed.set(args.length == 0 ? CloseStatus.NORMAL : (CloseStatus) args[0]);
                        yield null;
                      }
                      default -> null;
                    });
    WsProperties limits =
        new WsProperties(
            List.of("http://localhost"),
            65536,
            5,
            20,
            40,
            16,
            frames,
            1 << 20,
            Duration.ofSeconds(10),
            Duration.ofSeconds(15),
            Duration.ofHours(1));
    return new Connection(
        session,
        new AuthenticatedPlayer(UUID.randomUUID(), "device", List.of("PLAYER")),
        "127.0.0.1",
        Instant.now(),
        Instant.now().plusSeconds(900),
        "Stuck",
        limits,
        executor);
  }

  @Test
  void eventsAreDroppedFirstAndARepliesOverflowClosesWith1013() {
    Connection c = stuckConnection(8);
    c.send("{\"type\":\"first\"}", false);
    await().until(() -> written.get() == 1);
    for (int i = 0; i < 100; i++) {
      c.send("{\"type\":\"jackpot.update\",\"n\":" + i + "}", true);
    }
    assertThat(c.queuedFrames()).isEqualTo(8);
    assertThat(c.droppedEvents()).isEqualTo(92);
    assertThat(c.closedWith()).isNull();

    // Replies push the queued events out before anything else happens.
    for (int i = 0; i < 8; i++) {
      c.send("{\"re\":\"r" + i + "\"}", false);
    }
    assertThat(c.droppedEvents()).isEqualTo(100);
    assertThat(c.closedWith()).isNull();
    c.send("{\"re\":\"one-too-many\"}", false);
    assertThat(c.closedWith()).isEqualTo(Connection.TRY_AGAIN_LATER);
    await().until(() -> closed.get() != null);
    assertThat(closed.get().getCode()).isEqualTo(1013);
    assertThat(c.queuedFrames()).isLessThanOrEqualTo(8);
  }
}
