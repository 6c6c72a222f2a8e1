package dev.croupier.devstack;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dev stack does not run PostgreSQL itself: it uses the machine's server (Debian's package,
 * installed and started by {@code .ci/ensure-postgres.sh}) and only checks it and creates the
 * database.
 */
public final class Postgres {
  private static final Logger log = LoggerFactory.getLogger(Postgres.class);
  private static final String MISSING_DATABASE = "3D000";

  private Postgres() {}

  /** Opens a connection, or fails with one line that names the URL and how to start PostgreSQL. */
  public static Connection connect(PostgresSettings settings) {
    try {
      return open(settings);
    } catch (SQLException e) {
      throw unreachable(settings, e);
    }
  }

  /**
   * Creates the database named in {@code settings} when it is missing. Errors name the configured
   * URL, not the maintenance database used to create it.
   */
  public static void ensureDatabase(PostgresSettings settings) {
    try (Connection ignored = open(settings)) {
      return;
    } catch (SQLException e) {
      if (!MISSING_DATABASE.equals(e.getSQLState())) {
        throw unreachable(settings, e);
      }
    }
    String database = settings.database();
    try (Connection admin = open(settings.withDatabase("postgres"));
        Statement create = admin.createStatement()) {
      create.execute("create database " + quoteIdentifier(database));
      log.info("created database {}", database);
    } catch (SQLException e) {
      throw new DevStackException(
          "Database %s is missing on %s and cannot be created as user %s (%s). Create it, or grant CREATEDB to the user."
              .formatted(database, settings.url(), settings.user(), firstLine(e.getMessage())),
          e);
    }
  }

  private static Connection open(PostgresSettings settings) throws SQLException {
    Properties props = new Properties();
    props.setProperty("user", settings.user());
    props.setProperty("password", settings.password());
    props.setProperty("connectTimeout", "5");
    return DriverManager.getConnection(settings.url(), props);
  }

  private static DevStackException unreachable(PostgresSettings settings, SQLException e) {
    return new DevStackException(
        "PostgreSQL is not reachable at %s as user %s (%s). Start it with `bash .ci/ensure-postgres.sh` (installs, starts and creates the role), or point CROUPIER_DB_URL/CROUPIER_DB_USER/CROUPIER_DB_PASSWORD at your server."
            .formatted(settings.url(), settings.user(), firstLine(e.getMessage())),
        e);
  }

  public static String quoteIdentifier(String name) {
    if (!name.matches("[a-zA-Z_][a-zA-Z0-9_]{0,62}")) {
      throw new IllegalArgumentException("Unsafe database name: " + name);
    }
    return '"' + name + '"';
  }

  static String firstLine(String message) {
    if (message == null) {
      return "no detail";
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
