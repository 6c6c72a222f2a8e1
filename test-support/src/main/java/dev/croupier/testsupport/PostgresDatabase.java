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
