package dev.croupier.workers.table;

import dev.croupier.games.api.GameRef;
import dev.croupier.workflows.table.TableOptions;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Game tables under {@code croupier.tables}: the tables the platform keeps open, of any installed
 * table game, and how their events leave the worker.
 *
 * @param compliancePublicKey {@code CROUPIER_TABLES_COMPLIANCE_PUBLIC_KEY}: base64 of the
 *     compliance RSA public key (X.509 DER) that seals private deals (hole cards) on {@code
 *     table.events}; when blank, an ephemeral key pair is made at start and its private key dropped
 *     (development: nobody can open the sealed cards)
 * @param eventsTopic the table events topic
 * @param lobbyTopic the lobby's table list topic (compacted, keyed by table id)
 * @param relay the outbox relay
 * @param open {@code CROUPIER_TABLES_OPEN}: whether this process opens {@link #configured} when it
 *     starts (every worker may; a table that is already open is left as it is)
 * @param configured the tables the platform keeps open; see {@link TableSpec}
 */
@Validated
@ConfigurationProperties("croupier.tables")
public record TableProperties(
    @DefaultValue("") String compliancePublicKey,
    @NotBlank @DefaultValue("table.events") String eventsTopic,
    @NotBlank @DefaultValue("lobby.tables") String lobbyTopic,
    @Valid @NotNull @DefaultValue Relay relay,
    @DefaultValue("true") boolean open,
    @Valid @NotNull @DefaultValue List<TableSpec> configured) {

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
   * its game and name (a name-based UUID) unless {@code id} is set, so every start of every worker
   * names the same table and opening it again does nothing. A table that was closed keeps its id
   * for good (Temporal rejects a duplicate workflow id): rename it, or give it a new {@code id}, to
   * open a fresh one.
   *
   * @param name the name the lobby shows
   * @param game the table game and version, {@code gameId@version}, for example {@code
   *     poker-nlhe@1.0.0}
   * @param rules the game's own settings, as the game reads them (for poker: {@code seatCount},
   *     {@code smallBlind}, {@code bigBlind}, {@code minBuyIn}, {@code maxBuyIn}, {@code currency},
   *     {@code rakeBps}, {@code rakeCap})
   * @param actionTimeout the action clock: how long each turn lasts
   * @param handPause the pause between two rounds
   * @param id an explicit table id, or none for the name-based one
   */
  public record TableSpec(
      @NotBlank String name,
      @NotBlank String game,
      @NotNull @DefaultValue Map<String, Object> rules,
      @NotNull @DefaultValue("30s") Duration actionTimeout,
      @NotNull @DefaultValue("2s") Duration handPause,
      UUID id) {

    /**
     * The game and version.
     *
     * @throws IllegalArgumentException when {@code game} is not {@code gameId@version}
     */
    public GameRef gameRef() {
      return GameRef.parse(game);
    }

    /**
     * The table id: {@code id}, or a name-based UUID. Poker tables keep the derivation they had
     * when poker was the only table game ({@code croupier.poker.table/<name>}), so tables that are
     * open keep their ids; other games use {@code croupier.table/<gameId>/<name>}.
     */
    public UUID tableId() {
      if (id != null) {
        return id;
      }
      String gameId = gameRef().gameId();
      String key =
          "poker-nlhe".equals(gameId)
              ? "croupier.poker.table/" + name
              : "croupier.table/" + gameId + "/" + name;
      return UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8));
    }

    /** The game's settings as JSON values, in the order they were configured. */
    public Map<String, Object> config() {
      return new LinkedHashMap<>(rules);
    }

    /** The workflow's options: the defaults with this table's clock and pause. */
    public TableOptions options() {
      return TableOptions.DEFAULTS.withActionTimeout(actionTimeout).withHandPause(handPause);
    }
  }
}
