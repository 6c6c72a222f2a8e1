package dev.croupier.testsupport;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.croupier.devstack.PostgresSettings;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/** A migrated database made for one test class; dropped after it. */
public record PostgresDatabase(String url, String user, String password) {
  public PostgresSettings settings() {
    return new PostgresSettings(url, user, password);
  }

  /**
   * The same database as one context's role ({@code croupier_identity}, {@code croupier_wallet},
   * {@code croupier_game}, {@code croupier_realtime}, {@code croupier_admin}), as that context's
   * app connects: rights on its own schema only. {@code .ci/ensure-postgres.sh} makes the roles
   * with the same dev password as the owner's.
   */
  public PostgresDatabase as(String role) {
    return new PostgresDatabase(url, role, password);
  }

  public Connection connect() throws SQLException {
    return DriverManager.getConnection(url, user, password);
  }

  /** A pooled data source; the caller closes it. */
  public HikariDataSource dataSource(int maxPoolSize) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setUsername(user);
    config.setPassword(password);
    config.setMaximumPoolSize(maxPoolSize);
    config.setPoolName("test-" + url.substring(url.lastIndexOf('/') + 1));
    return new HikariDataSource(config);
  }
}
