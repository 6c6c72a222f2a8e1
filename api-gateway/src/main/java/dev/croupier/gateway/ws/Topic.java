package dev.croupier.gateway.ws;

import java.util.Arrays;
import java.util.Optional;

/** What a socket can subscribe to; each is fed from Kafka by the realtime package. */
public enum Topic {
  JACKPOT("jackpot"),
  LEADERBOARD("leaderboard"),
  LOBBY("lobby");

  private final String wireName;

  Topic(String wireName) {
    this.wireName = wireName;
  }

  /** The name in {@code subscribe} and {@code subscribed} payloads. */
  public String wireName() {
    return wireName;
  }

  static Optional<Topic> fromWire(String name) {
    return Arrays.stream(values()).filter(t -> t.wireName.equals(name)).findFirst();
  }
}
