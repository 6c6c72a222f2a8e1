package dev.croupier.gateway.realtime;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Kafka for realtime, under {@code croupier.gateway.realtime}.
 *
 * @param bootstrapServers {@code CROUPIER_KAFKA_BOOTSTRAP}
 * @param chatTopic lobby chat, produced by gateways and consumed by all of them
 * @param jackpotTopic jackpot values and wins, produced by the workers
 * @param leaderboardTopic leaderboard snapshots, produced by the workers
 * @param tablesTopic the game table list, one record per table keyed by table id (an empty value
 *     removes the table)
 * @param chatHistory chat messages kept for late joiners
 * @param sendTimeout how long {@code chat.send} waits for the broker's acknowledgement, and how
 *     long startup waits for the broker to list or create the tables topic
 */
@Validated
@ConfigurationProperties("croupier.gateway.realtime")
public record RealtimeProperties(
    @DefaultValue("127.0.0.1:9092") @NotBlank String bootstrapServers,
    @DefaultValue("lobby.chat") @NotBlank String chatTopic,
    @DefaultValue("jackpot.updates") @NotBlank String jackpotTopic,
    @DefaultValue("leaderboard.updates") @NotBlank String leaderboardTopic,
    @DefaultValue("lobby.tables") @NotBlank String tablesTopic,
    @DefaultValue("50") @Min(0) @Max(1000) int chatHistory,
    @DefaultValue("5s") @NotNull Duration sendTimeout) {}
