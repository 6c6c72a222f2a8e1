package dev.croupier.workers.table;

import dev.croupier.games.poker.TableConfig;
import dev.croupier.workflows.table.TableOptions;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
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
 * @param openTables {@code CROUPIER_POKER_OPEN_TABLES}: whether this process opens {@link #tables}
 *     when it starts (every worker may; a table that is already open is left as it is)
 * @param tables the tables the platform keeps open; see {@link TableSpec}
 */
@Validated
@ConfigurationProperties("croupier.poker")
public record PokerProperties(
    @DefaultValue("") String compliancePublicKey,
    @NotBlank @DefaultValue("table.events") String eventsTopic,
    @NotBlank @DefaultValue("lobby.tables") String lobbyTopic,
    @Valid @NotNull @DefaultValue Relay relay,
    @DefaultValue("true") boolean openTables,
    @Valid @NotNull @DefaultValue List<TableSpec> tables) {

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

  /**
   * A table the platform keeps open. Its id, and so its workflow id {@code table-<id>}, comes from
   * its name (a name-based UUID) unless {@code id} is set, so every start of every worker names the
   * same table and opening it again does nothing. A table that was closed keeps its id for good
   * (Temporal rejects a duplicate workflow id): rename it, or give it a new {@code id}, to open a
   * fresh one.
   *
   * @param name the name the lobby shows
   * @param seats 2 to 9
   * @param smallBlind the small blind, in minor units
   * @param bigBlind the big blind, also the minimum bet
   * @param minBuyIn the smallest buy-in, at least the big blind
   * @param maxBuyIn the largest buy-in
   * @param currency the table's currency
   * @param rakeBps the house's share of each pot in basis points (0 for none)
   * @param rakeCap the most rake taken from one hand
   * @param actionTimeout the action clock: how long each turn lasts
   * @param handPause the pause between two hands
   * @param id an explicit table id, or none for the name-based one
   */
  public record TableSpec(
      @NotBlank String name,
      @Min(2) @Max(9) int seats,
      @Min(1) long smallBlind,
      @Min(1) long bigBlind,
      @Min(1) long minBuyIn,
      @Min(1) long maxBuyIn,
      @NotBlank @DefaultValue("COIN") String currency,
      @Min(0) @Max(10_000) @DefaultValue("0") int rakeBps,
      @Min(0) @DefaultValue("0") long rakeCap,
      @NotNull @DefaultValue("30s") Duration actionTimeout,
      @NotNull @DefaultValue("2s") Duration handPause,
      UUID id) {

    /** The table id: {@code id}, or the name-based UUID of {@code croupier.poker.table/<name>}. */
    public UUID tableId() {
      return id != null
          ? id
          : UUID.nameUUIDFromBytes(
              ("croupier.poker.table/" + name).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The engine's stakes and limits.
     *
     * @throws IllegalArgumentException when they do not make a table (blinds out of order, buy-ins
     *     below the big blind …)
     */
    public TableConfig config() {
      return new TableConfig(
          currency, seats, smallBlind, bigBlind, minBuyIn, maxBuyIn, rakeBps, rakeCap);
    }

    /** The workflow's options: the defaults with this table's clock and pause. */
    public TableOptions options() {
      return TableOptions.DEFAULTS.withActionTimeout(actionTimeout).withHandPause(handPause);
    }
  }
}
