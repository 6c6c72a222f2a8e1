package dev.croupier.workers;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Hosts the game session workers: Flyway migrations at start, the Temporal worker for the session
 * task queue, and HTTP on loopback for health and game recall.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class WorkersApplication {
  public static void main(String[] args) {
    SpringApplication.run(WorkersApplication.class, args);
  }
}
