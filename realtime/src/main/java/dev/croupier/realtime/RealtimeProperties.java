package dev.croupier.realtime;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The realtime aggregators, under {@code croupier.realtime}.
 *
 * @param enabled whether this app runs the aggregators at all (off, it serves health only)
 * @param bootstrapServers {@code CROUPIER_KAFKA_BOOTSTRAP}
 * @param entriesTopic the wallet's entry events, the input of both aggregators
 */
@Validated
@ConfigurationProperties("croupier.realtime")
public record RealtimeProperties(
    @DefaultValue("true") boolean enabled,
    @DefaultValue("127.0.0.1:9092") @NotBlank String bootstrapServers,
    @DefaultValue("wallet.entries") @NotBlank String entriesTopic,
    @DefaultValue @Valid @NotNull Jackpot jackpot,
    @DefaultValue @Valid @NotNull Leaderboard leaderboard) {

  /**
   * @param interval how often the pool is published (the roadmap's 3 s)
   * @param topic where values and wins go
   * @param currencies pools published every interval, even before their first entry
   */
  public record Jackpot(
      @DefaultValue("3s") @NotNull Duration interval,
      @DefaultValue("jackpot.updates") @NotBlank String topic,
      @DefaultValue("COIN") @NotEmpty List<@NotBlank String> currencies) {}

  /**
   * @param refresh how often the top-N snapshots are read and published (30–60 s in production)
   * @param topN entries per published board
   * @param topic where snapshots go
   * @param groupId the consumer group that splits wallet.entries among workers
   * @param currencies boards published per currency
   */
  public record Leaderboard(
      @DefaultValue("45s") @NotNull Duration refresh,
      @DefaultValue("10") @Min(1) @Max(100) int topN,
      @DefaultValue("leaderboard.updates") @NotBlank String topic,
      @DefaultValue("croupier-leaderboards") @NotBlank String groupId,
      @DefaultValue("COIN") @NotEmpty List<@NotBlank String> currencies) {}
}
