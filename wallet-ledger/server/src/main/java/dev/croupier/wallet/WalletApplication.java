package dev.croupier.wallet;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The wallet service: Flyway migrations, the ledger, the gRPC server and the outbox relay. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class WalletApplication {
  public static void main(String[] args) {
    SpringApplication.run(WalletApplication.class, args);
  }
}
