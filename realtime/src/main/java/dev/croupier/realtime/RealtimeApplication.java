package dev.croupier.realtime;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Hosts the realtime aggregators, apart from the Temporal workers: the jackpot aggregator and the
 * leaderboards, both fed by {@code wallet.entries}, with their state in schema {@code realtime} and
 * HTTP on loopback for health and the boards.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class RealtimeApplication {
  public static void main(String[] args) {
    SpringApplication.run(RealtimeApplication.class, args);
  }
}
