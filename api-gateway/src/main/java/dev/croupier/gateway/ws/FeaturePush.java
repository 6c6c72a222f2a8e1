package dev.croupier.gateway.ws;

import dev.croupier.gateway.games.LiveFeatures;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Tells every socket on this node when a feature flag changes, as the event {@code features}
 * ({@code {autoSpin}}), so the web client shows or hides auto-spin without a reload.
 */
@Component
class FeaturePush {
  FeaturePush(LiveFeatures features, Sockets sockets) {
    features.onChange(
        change ->
            sockets.pushAll(
                new ServerEvent("features", Map.of("autoSpin", features.autoSpin()), true)));
  }
}
