package dev.croupier.gateway.games;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Feature flags under {@code croupier.features}. Read when a session opens: a session keeps the
 * flag it started with. Off by default (production); the dev launcher's profile and the tests
 * switch auto-spin on.
 *
 * @param autoSpin whether players may ask for several rounds in one {@code bet.place}
 */
@ConfigurationProperties("croupier.features")
public record Features(@DefaultValue("false") boolean autoSpin) {}
