package dev.croupier.admin;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The admin app: {@code java -jar admin-exec.jar} serves the back office; {@code java -jar
 * admin-exec.jar bootstrap-admin --email=… --name=…} creates the first ADMIN once, and {@code java
 * -jar admin-exec.jar verify-audit} checks the audit log's hash chain (see {@link AdminCommands}).
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class AdminApplication {
  public static void main(String[] args) {
    if (args.length > 0 && AdminCommands.isCommand(args[0])) {
      // A command talks to the person at the terminal: its output is the product, not a log.
      System.exit(
          AdminCommands.run(
              args,
              new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)),
              System.out));
    }
    SpringApplication.run(AdminApplication.class, args);
  }
}
