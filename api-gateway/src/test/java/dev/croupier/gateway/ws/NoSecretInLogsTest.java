package dev.croupier.gateway.ws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.croupier.devstack.KafkaBroker;
import dev.croupier.devstack.TemporalServer;
import dev.croupier.testsupport.KafkaExtension;
import dev.croupier.testsupport.PostgresDatabase;
import dev.croupier.testsupport.PostgresExtension;
import dev.croupier.testsupport.TemporalServerExtension;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/**
 * Runs the attacks of the other suites against one gateway node whose logs (and the in-process
 * session worker's) go to a file, then searches that file and every test wallet's log for every
 * password, access and refresh token, WebSocket ticket and server seed the run used, and finds
 * none. The seed is searched in what was logged before it was revealed.
 */
@ExtendWith({PostgresExtension.class, KafkaExtension.class, TemporalServerExtension.class})
class NoSecretInLogsTest {
  private static final Path LOG =
      Path.of("target", "secret-scan", "gateway-" + UUID.randomUUID() + ".log").toAbsolutePath();
  private static WsStack stack;
  private static WsStack.Node node;

  @BeforeAll
  static void start(PostgresDatabase db, KafkaBroker kafka, TemporalServer temporal)
      throws IOException {
    Files.createDirectories(LOG.getParent());
    stack = new WsStack(db, kafka, temporal);
    node =
        stack.startNode(
            Map.of(
                "logging.file.name",
                LOG.toString(),
                // Everything our code says, at every level.
                "logging.level.dev.croupier",
                "TRACE"));
  }

  @AfterAll
  static void stop() {
    stack.close();
  }

  @Test
  void theAttackSuiteLeavesNoTokenPasswordTicketOrUnrevealedSeedInAnyLog() throws Exception {
    Map<String, String> secrets = new LinkedHashMap<>();
    WsStack.Player p = node.newPlayer("Secretive");
    secrets.put("password", WsStack.PASSWORD);
    secrets.put("access token", p.accessToken());
    secrets.put("access token signature", signature(p.accessToken()));
    secrets.put("refresh token", p.refreshToken());

    // Wrong passwords, an unknown email, a locked source.
    String attacker = WsStack.randomIp();
    for (int i = 0; i < 4; i++) {
      String guess = "guessed-password-" + UUID.randomUUID();
      secrets.put("guess " + i, guess);
      node.loginFrom(p.email(), guess, attacker);
    }
    String unknownPassword = "unknown-user-password-" + UUID.randomUUID();
    secrets.put("unknown user's password", unknownPassword);
    node.loginFrom("nobody-" + UUID.randomUUID() + "@example.com", unknownPassword, attacker);

    // The handshake attacks: a token in the URL (which once reached a log through a 500),
    // malformed and foreign origins, unknown subprotocols, forged and replayed tickets.
    RawUpgrade.send(node.port, "/ws?access_token=" + p.accessToken(), Map.of());
    for (String origin : List.of("http://a:b", "http://127.0.0.1:8080.evil.example", "null")) {
      String ticket = ticket(p);
      secrets.put("ticket for " + origin, ticket);
      RawUpgrade.send(
          node.port,
          "/ws?access_token=" + p.accessToken(),
          Map.of(
              "Origin",
              origin,
              "Sec-WebSocket-Protocol",
              "croupier.v1, croupier.ticket." + ticket));
      RawUpgrade.send(
          node.port,
          "/ws",
          Map.of(
              "Origin",
              origin,
              "Sec-WebSocket-Protocol",
              "croupier.v1, croupier.ticket." + ticket));
    }
    String forged = "A".repeat(43);
    RawUpgrade.send(
        node.port,
        "/ws",
        Map.of("Sec-WebSocket-Protocol", "croupier.v1, croupier.ticket." + forged));
    RawUpgrade.send(
        node.port, "/ws", Map.of("Sec-WebSocket-Protocol", "chat, croupier.ticket." + ticket(p)));
    RawUpgrade.send(node.port, "/ws", Map.of("Authorization", "Bearer " + p.accessToken() + "x"));

    // A session played over a ticket-authenticated socket, then a replayed refresh token and a
    // logout that revokes the access token.
    WsClient c = node.connect(p);
    String session =
        c.request("session.open", Map.of("gameId", "slot-classic"))
            .at("/payload/sessionId")
            .asString();
    for (int i = 0; i < 3; i++) {
      c.request("bet.place", Map.of("sessionId", session, "amount", 100, "currency", "COIN"));
    }
    c.request("bet.place", Map.of("sessionId", session, "amount", -5, "currency", "COIN"));
    JsonNode refreshed = node.post("/auth/refresh", Map.of("refreshToken", p.refreshToken()), 200);
    secrets.put("rotated access token", refreshed.get("accessToken").asString());
    secrets.put("rotated refresh token", refreshed.get("refreshToken").asString());
    node.post("/auth/refresh", Map.of("refreshToken", p.refreshToken()), 401);
    String beforeReveal = logs();
    JsonNode closed = c.request("session.close", Map.of("sessionId", session));
    String seed = closed.at("/payload/serverSeed").asString();
    assertThat(seed).as("the close reveals the seed").hasSizeGreaterThan(16);
    c.abort();
    node.post(
        "/auth/logout",
        Map.of(
            "refreshToken",
            refreshed.get("refreshToken").asString(),
            "accessToken",
            refreshed.get("accessToken").asString()),
        204);

    String all = logs();
    assertThat(all).as("the scan reads real logs").contains("refused WebSocket upgrade");
    List<String> found = new ArrayList<>();
    secrets.forEach(
        (what, value) -> {
          if (all.contains(value)) {
            found.add(what);
          }
        });
    if (beforeReveal.contains(seed)) {
      found.add("server seed before its reveal");
    }
    assertThat(found).as("secrets found in the logs").isEmpty();
  }

  private static String ticket(WsStack.Player p) {
    return WsStack.JSON.readTree(node.ticket(p.accessToken()).body()).get("ticket").asString();
  }

  private static String signature(String jwt) {
    return jwt.substring(jwt.lastIndexOf('.') + 1);
  }

  /** The gateway's log file and every test wallet's. */
  private static String logs() throws IOException {
    StringBuilder all = new StringBuilder(Files.readString(LOG, StandardCharsets.UTF_8));
    Path wallets = Path.of("target", "test-wallets");
    if (Files.isDirectory(wallets)) {
      try (Stream<Path> files = Files.list(wallets)) {
        for (Path f : files.toList()) {
          all.append(Files.readString(f, StandardCharsets.UTF_8));
        }
      }
    }
    return all.toString();
  }
}
