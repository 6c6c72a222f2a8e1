package dev.croupier.devstack;

import java.net.URI;
import java.util.Map;

/**
 * Where PostgreSQL is. Read from {@code CROUPIER_DB_URL}, {@code CROUPIER_DB_USER} and {@code
 * CROUPIER_DB_PASSWORD}; the defaults are the local loopback server that {@code
 * .ci/ensure-postgres.sh} sets up.
 */
public record PostgresSettings(String url, String user, String password) {
  public static final String DEFAULT_URL = "jdbc:postgresql://127.0.0.1:5432/croupier";

  public static PostgresSettings fromEnvironment() {
    return from(System.getenv());
  }

  public static PostgresSettings from(Map<String, String> env) {
    return new PostgresSettings(
        env.getOrDefault("CROUPIER_DB_URL", DEFAULT_URL),
        env.getOrDefault("CROUPIER_DB_USER", "croupier"),
        env.getOrDefault("CROUPIER_DB_PASSWORD", "croupier"));
  }

  /** The database name in the URL, for example {@code croupier}. */
  public String database() {
    String path = URI.create(url.substring("jdbc:".length())).getPath();
    return path.startsWith("/") ? path.substring(1) : path;
  }

  /** The same server, another database: used to create databases and to admin. */
  public PostgresSettings withDatabase(String database) {
    URI uri = URI.create(url.substring("jdbc:".length()));
    String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
    return new PostgresSettings(
        "jdbc:postgresql://%s:%d/%s%s"
            .formatted(uri.getHost(), uri.getPort() < 0 ? 5432 : uri.getPort(), database, query),
        user,
        password);
  }
}
