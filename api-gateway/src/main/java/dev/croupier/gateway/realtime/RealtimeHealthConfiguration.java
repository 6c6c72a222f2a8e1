package dev.croupier.gateway.realtime;

import dev.croupier.observability.health.KafkaHealthIndicator;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** {@code kafka} in the gateway's readiness: the brokers its realtime topics live on. */
@Configuration(proxyBeanMethods = false)
class RealtimeHealthConfiguration {
  @Bean(destroyMethod = "close")
  KafkaHealthIndicator kafkaHealthIndicator(RealtimeProperties properties) {
    return new KafkaHealthIndicator(properties.bootstrapServers(), Duration.ofSeconds(3));
  }
}
