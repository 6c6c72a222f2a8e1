package dev.croupier.flags;

import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * One flag as {@code admin.flags} carries it: the record key is {@link #key()}, the value this
 * record as JSON, {@code {"key":"auto-spin","enabled":true,"version":3,"updatedAt":"2026-…Z"}}.
 * Versions rise with every change, so a reader keeps the highest version it has seen of a flag and
 * a stale record (a redelivery, an older relay batch) changes nothing.
 *
 * @param key the flag's key, {@code [a-z][a-z0-9-]{1,62}}
 * @param enabled whether it is on
 * @param version its version, from 1
 * @param updatedAt when it was last changed
 */
public record FlagState(String key, boolean enabled, long version, Instant updatedAt) {
  private static final Pattern KEY = Pattern.compile("[a-z][a-z0-9-]{1,62}");
  private static final JsonMapper JSON = JsonMapper.builder().build();

  public FlagState {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(updatedAt, "updatedAt");
    if (!KEY.matcher(key).matches()) {
      throw new IllegalArgumentException("not a flag key: " + key);
    }
    if (version < 1) {
      throw new IllegalArgumentException("a flag's version starts at 1: " + version);
    }
  }

  /** The record value. */
  public String toJson() {
    ObjectNode n = JSON.createObjectNode();
    n.put("key", key);
    n.put("enabled", enabled);
    n.put("version", version);
    n.put("updatedAt", updatedAt.toString());
    return JSON.writeValueAsString(n);
  }

  /**
   * Reads a record value.
   *
   * @throws IllegalArgumentException when it is not a flag record
   */
  public static FlagState fromJson(String json) {
    JsonNode n;
    try {
      n = JSON.readTree(json);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("not JSON", e);
    }
    if (!n.path("key").isString()
        || !n.path("enabled").isBoolean()
        || !n.path("version").canConvertToLong()
        || !n.path("updatedAt").isString()) {
      throw new IllegalArgumentException("not a flag record");
    }
    try {
      return new FlagState(
          n.get("key").asString(),
          n.get("enabled").asBoolean(),
          n.get("version").asLong(),
          Instant.parse(n.get("updatedAt").asString()));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("not a flag record: " + e.getMessage(), e);
    }
  }
}
