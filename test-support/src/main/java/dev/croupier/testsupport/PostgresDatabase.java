package dev.croupier.testsupport;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.croupier.devstack.PostgresSettings;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A migrated database made for one test class; dropped after it. */
public record PostgresDatabase(String url, String user, String password) {
  private static final Pattern ADDRESS =
      Pattern.compile("^jdbc:postgresql://([^:/]+)(?::(\\d+))?/(.*)$");

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

  /** The server's host. */
  public String host() {
    return address().group(1);
  }

  /** The server's port. */
  public int port() {
    String port = address().group(2);
    return port == null ? 5432 : Integer.parseInt(port);
  }

  /** A proxy in front of this database's server, that a test can cut; the caller closes it. */
  public TcpProxy proxy() {
    return TcpProxy.to(host(), port());
  }

  /** The same database reached through {@code proxy}. */
  public PostgresDatabase through(TcpProxy proxy) {
    return new PostgresDatabase(
        "jdbc:postgresql://127.0.0.1:" + proxy.port() + "/" + address().group(3), user, password);
  }

  private Matcher address() {
    Matcher m = ADDRESS.matcher(url);
    if (!m.matches()) {
      throw new IllegalStateException("Not a PostgreSQL JDBC URL: " + url);
    }
    return m;
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
