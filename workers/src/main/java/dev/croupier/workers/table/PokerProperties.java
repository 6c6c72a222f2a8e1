package dev.croupier.workers.table;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Poker tables under {@code croupier.poker}.
 *
 * @param compliancePublicKey {@code CROUPIER_POKER_COMPLIANCE_PUBLIC_KEY}: base64 of the compliance
 *     RSA public key (X.509 DER) that seals hole cards on {@code table.events}; when blank, an
 *     ephemeral key pair is made at start and its private key dropped (development: nobody can open
 *     the sealed cards)
 * @param eventsTopic the table events topic
 * @param lobbyTopic the lobby's table list topic (compacted, keyed by table id)
 * @param relay the outbox relay
 */
@Validated
@ConfigurationProperties("croupier.poker")
public record PokerProperties(
    @DefaultValue("") String compliancePublicKey,
    @NotBlank @DefaultValue("table.events") String eventsTopic,
    @NotBlank @DefaultValue("lobby.tables") String lobbyTopic,
    @Valid @NotNull @DefaultValue Relay relay) {

  /**
   * The outbox relay.
   *
   * @param enabled whether this process publishes the outbox (one relay at a time holds the lock)
   * @param bootstrapServers Kafka
   * @param pollInterval the pause when the outbox is empty
   * @param batchSize rows per transaction
   */
  public record Relay(
      @DefaultValue("true") boolean enabled,
      @NotBlank @DefaultValue("127.0.0.1:9092") String bootstrapServers,
      @NotNull @DefaultValue("200ms") Duration pollInterval,
      @Min(1) @DefaultValue("500") int batchSize) {}
}
