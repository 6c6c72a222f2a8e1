package dev.croupier.wallet.api;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A short-lived service token: a compact JWT ({@code header.payload.signature}, HS256) whose claims
 * name the issuer, the calling service ({@code sub}), the audience and the expiry. Both sides share
 * a {@link ServiceTokenKey}; the receiver checks the signature in constant time, the audience, and
 * that the token is current and lives at most {@link #MAX_LIFETIME}.
 *
 * @param issuer who minted the token, e.g. {@code croupier}
 * @param subject the calling service, e.g. {@code workers}
 * @param audience the service it is meant for, e.g. {@code wallet}
 */
public record ServiceToken(
    String issuer, String subject, String audience, Instant issuedAt, Instant expiresAt) {
  public static final Duration MAX_LIFETIME = Duration.ofMinutes(15);
  public static final Duration CLOCK_SKEW = Duration.ofSeconds(30);

  private static final String HEADER =
      b64("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._:-]{1,100}");
  private static final Pattern CLAIM =
      Pattern.compile(
          "\\s*\"([a-z]{2,8})\"\\s*:\\s*(?:\"([A-Za-z0-9._:-]{0,100})\"|(-?\\d{1,19}))\\s*");

  public ServiceToken {
    for (String name : new String[] {issuer, subject, audience}) {
      if (name == null || !NAME.matcher(name).matches()) {
        throw new IllegalArgumentException("Bad token name: " + name);
      }
    }
  }

  /**
   * A token for {@code subject} calling {@code audience}, valid from {@code now} for {@code ttl}.
   */
  public static ServiceToken of(
      String issuer, String subject, String audience, Instant now, Duration ttl) {
    if (ttl.isNegative() || ttl.isZero() || ttl.compareTo(MAX_LIFETIME) > 0) {
      throw new IllegalArgumentException("Token lifetime must be in (0, " + MAX_LIFETIME + "]");
    }
    Instant iat = Instant.ofEpochSecond(now.getEpochSecond());
    return new ServiceToken(issuer, subject, audience, iat, iat.plus(ttl));
  }

  /** The signed compact form. */
  public String sign(ServiceTokenKey key) {
    String payload =
        "{\"iss\":\"%s\",\"sub\":\"%s\",\"aud\":\"%s\",\"iat\":%d,\"exp\":%d}"
            .formatted(
                issuer, subject, audience, issuedAt.getEpochSecond(), expiresAt.getEpochSecond());
    String signingInput = HEADER + "." + b64(payload.getBytes(StandardCharsets.UTF_8));
    return signingInput + "." + b64(hmac(key, signingInput));
  }

  /**
   * Checks {@code token} and returns its claims.
   *
   * @throws ServiceTokenException when it is malformed, badly signed, for another audience, not yet
   *     valid, expired, or lives longer than {@link #MAX_LIFETIME}
   */
  public static ServiceToken verify(
      ServiceTokenKey key, String token, String expectedAudience, Instant now) {
    if (token == null || token.length() > 2048) {
      throw new ServiceTokenException("missing or oversized token");
    }
    String[] parts = token.split("\\.", -1);
    if (parts.length != 3 || !parts[0].equals(HEADER)) {
      throw new ServiceTokenException("malformed token");
    }
    byte[] signature;
    byte[] payload;
    try {
      signature = Base64.getUrlDecoder().decode(parts[2]);
      payload = Base64.getUrlDecoder().decode(parts[1]);
    } catch (IllegalArgumentException e) {
      throw new ServiceTokenException("malformed token encoding");
    }
    if (!MessageDigest.isEqual(signature, hmac(key, parts[0] + "." + parts[1]))) {
      throw new ServiceTokenException("bad signature");
    }
    Map<String, String> claims = parseClaims(new String(payload, StandardCharsets.UTF_8));
    ServiceToken t;
    try {
      t =
          new ServiceToken(
              claims.get("iss"),
              claims.get("sub"),
              claims.get("aud"),
              Instant.ofEpochSecond(Long.parseLong(claims.getOrDefault("iat", "x"))),
              Instant.ofEpochSecond(Long.parseLong(claims.getOrDefault("exp", "x"))));
    } catch (IllegalArgumentException e) {
      throw new ServiceTokenException("missing or bad claims");
    }
    if (!t.audience().equals(expectedAudience)) {
      throw new ServiceTokenException("token is for " + t.audience());
    }
    if (!now.isBefore(t.expiresAt())) {
      throw new ServiceTokenException("token expired");
    }
    if (t.issuedAt().isAfter(now.plus(CLOCK_SKEW))) {
      throw new ServiceTokenException("token issued in the future");
    }
    if (Duration.between(t.issuedAt(), t.expiresAt()).compareTo(MAX_LIFETIME) > 0) {
      throw new ServiceTokenException("token lives too long");
    }
    return t;
  }

  private static Map<String, String> parseClaims(String json) {
    String body = json.strip();
    if (!body.startsWith("{") || !body.endsWith("}")) {
      throw new ServiceTokenException("malformed claims");
    }
    Map<String, String> claims = new LinkedHashMap<>();
    String inner = body.substring(1, body.length() - 1);
    for (String member : inner.split(",", -1)) {
      Matcher m = CLAIM.matcher(member);
      if (!m.matches()
          || claims.put(m.group(1), m.group(2) != null ? m.group(2) : m.group(3)) != null) {
        throw new ServiceTokenException("malformed claims");
      }
    }
    return claims;
  }

  private static byte[] hmac(ServiceTokenKey key, String input) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key.bytes(), "HmacSHA256"));
      return mac.doFinal(input.getBytes(StandardCharsets.US_ASCII));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }

  private static String b64(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
