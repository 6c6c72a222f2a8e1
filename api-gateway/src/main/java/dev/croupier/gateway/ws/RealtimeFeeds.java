package dev.croupier.gateway.ws;

import java.util.List;
import java.util.UUID;

/** What the gateway's realtime side offers the sockets: snapshots for late joiners and chat. */
public interface RealtimeFeeds {
  /**
   * The events a new subscriber of {@code topic} gets at once: the last jackpot value, the current
   * leaderboards, the last chat messages and the table list. Never blocks on the network.
   */
  List<ServerEvent> snapshot(Topic topic);

  /**
   * Publishes a lobby chat message to every gateway node (topic {@code lobby.chat}) and waits for
   * the broker's acknowledgement. The text is already validated and HTML-escaped.
   *
   * @throws dev.croupier.errors.CroupierException {@code UNAVAILABLE} when the broker does not
   *     acknowledge in time; the message may or may not be shown
   */
  void sendChat(UUID userId, String displayName, String escapedText);
}
