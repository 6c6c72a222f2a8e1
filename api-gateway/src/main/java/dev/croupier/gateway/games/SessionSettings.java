package dev.croupier.gateway.games;

import dev.croupier.workflows.session.SessionOptions;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the gateway opens game sessions, under {@code croupier.sessions}. Whether a player may
 * auto-spin is the live {@code auto-spin} flag ({@link LiveFeatures}), checked at every bet.
 *
 * @param idleTimeout a session with no bet for this long is closed by its idle timer
 * @param autoSpinMax the most rounds one auto-spin request may play
 * @param continueAsNewEvery rounds per workflow run
 * @param rememberedRequests recent bet ids a session remembers to answer replays
 */
@Validated
@ConfigurationProperties("croupier.sessions")
public record SessionSettings(
    @DefaultValue("15m") @NotNull Duration idleTimeout,
    @DefaultValue("50") @Min(1) @Max(100) int autoSpinMax,
    @DefaultValue("100") @Min(1) int continueAsNewEvery,
    @DefaultValue("64") @Min(1) int rememberedRequests) {

  /** The options of a new session; {@code autoSpin} lets it play up to {@code autoSpinMax}. */
  public SessionOptions options(boolean autoSpin) {
    return new SessionOptions(
        autoSpin,
        autoSpin ? autoSpinMax : 0,
        idleTimeout,
        continueAsNewEvery,
        rememberedRequests,
        null);
  }
}
