package dev.croupier.gateway.ws;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The WebSocket gateway's limits, under {@code croupier.gateway.ws}. See PROTOCOL.md, "Limits".
 *
 * @param allowedOrigins browser origins that may open a socket (exact {@code scheme://host:port});
 *     requests without an {@code Origin} header (non-browser clients) are not checked
 * @param maxFrameBytes a text frame larger than this closes the socket with 1009
 * @param maxConnectionsPerUser sockets one user may hold on this node; the next is closed with 1008
 * @param messagesPerSecond per-connection token bucket refill rate
 * @param messageBurst per-connection token bucket capacity
 * @param maxInFlight requests of one connection being worked on at once; more get RATE_LIMITED
 * @param outboundFrames frames queued for one slow reader before events are dropped
 * @param outboundBytes bytes (UTF-16 characters, as queued) before events are dropped
 * @param sendTimeout a single blocked write longer than this closes the socket
 * @param watchdogInterval how often each socket's token expiry and player status are checked
 * @param replayWindow how long a bet's id and payload are remembered on this node to refuse the
 *     same id with another payload
 */
@Validated
@ConfigurationProperties("croupier.gateway.ws")
public record WsProperties(
    @DefaultValue({"http://127.0.0.1:8080", "http://localhost:8080"}) @NotEmpty
        List<String> allowedOrigins,
    @DefaultValue("65536") @Min(1024) int maxFrameBytes,
    @DefaultValue("5") @Min(1) int maxConnectionsPerUser,
    @DefaultValue("20") @Min(1) int messagesPerSecond,
    @DefaultValue("40") @Min(1) int messageBurst,
    @DefaultValue("16") @Min(1) @Max(1024) int maxInFlight,
    @DefaultValue("256") @Min(4) int outboundFrames,
    @DefaultValue("1048576") @Min(65536) int outboundBytes,
    @DefaultValue("10s") @NotNull Duration sendTimeout,
    @DefaultValue("15s") @NotNull Duration watchdogInterval,
    @DefaultValue("1h") @NotNull Duration replayWindow) {

  /** The subprotocol of this version of the protocol. */
  public static final String SUBPROTOCOL = "croupier.v1";
}
