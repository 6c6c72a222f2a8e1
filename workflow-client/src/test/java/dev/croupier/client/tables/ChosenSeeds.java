package dev.croupier.client.tables;

import dev.croupier.games.rng.ServerSeed;
import dev.croupier.workflows.session.SeedActivities;
import dev.croupier.workflows.session.Seeds;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;

/** Server seeds chosen by the test, one per epoch in order; then derived ones. */
final class ChosenSeeds implements SeedActivities {
  private final Deque<String> next = new ArrayDeque<>();
  private int drawn;

  synchronized void push(String serverSeed) {
    next.addLast(serverSeed);
  }

  static String seed(String label) {
    try {
      byte[] h =
          MessageDigest.getInstance("SHA-256").digest(label.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(h);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public synchronized Seeds generate(String clientSeed) {
    String server = next.isEmpty() ? seed("epoch-" + (++drawn)) : next.removeFirst();
    return new Seeds(server, new ServerSeed(server).commitment().sha256Hex(), clientSeed);
  }
}
