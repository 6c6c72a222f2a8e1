package dev.croupier.bench.identity;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The hand-written access-token decoder the gateway used before it moved to Spring Security's
 * Nimbus decoder, kept here only as the baseline of the identity benchmark. It verifies a compact
 * JWS with exactly {@code alg RS256}, {@code typ at+jwt}, a {@code kid} from our key set and no
 * {@code crit} header, whose signature checks out; then Spring's claim validators (issuer,
 * audience, expiry, required claims) run on the result.
 *
 * <p>It does only what our tokens need, with the JDK's Base64 and Signature and Jackson, because
 * the general-purpose path (Nimbus JOSE plus Spring's claim conversion) spent as long decoding and
 * converting as on the RSA check itself, and validation is on every request's path.
 */
final class HandWrittenAccessTokenDecoder implements JwtDecoder {
  private static final Base64.Decoder BASE64URL = Base64.getUrlDecoder();
  private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {};
  private static final JsonMapper JSON =
      JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
  private static final ThreadLocal<Signature> RS256 =
      ThreadLocal.withInitial(
          () -> {
            try {
              return Signature.getInstance("SHA256withRSA");
            } catch (GeneralSecurityException e) {
              throw new IllegalStateException("The JDK lacks SHA256withRSA", e);
            }
          });

  private final Map<String, RSAPublicKey> keysById;
  private final String type;
  private final OAuth2TokenValidator<Jwt> validator;

  HandWrittenAccessTokenDecoder(
      Map<String, RSAPublicKey> keysById, String type, OAuth2TokenValidator<Jwt> validator) {
    this.keysById = Map.copyOf(keysById);
    this.type = type;
    this.validator = validator;
  }

  @Override
  public Jwt decode(String token) {
    if (token == null) {
      throw new BadJwtException("No token");
    }
    int first = token.indexOf('.');
    int second = first < 0 ? -1 : token.indexOf('.', first + 1);
    if (first <= 0
        || second <= first + 1
        || second == token.length() - 1
        || token.indexOf('.', second + 1) >= 0) {
      throw new BadJwtException("Not a compact JWS");
    }
    Map<String, Object> header = json(token.substring(0, first), "header");
    RSAPublicKey key = keyFor(header);
    verifySignature(token, second, key);

    Map<String, Object> claims = json(token.substring(first + 1, second), "payload");
    Jwt jwt =
        Jwt.withTokenValue(token)
            .headers(h -> h.putAll(header))
            .claims(c -> c.putAll(normalise(claims)))
            .build();
    OAuth2TokenValidatorResult result = validator.validate(jwt);
    if (result.hasErrors()) {
      throw new JwtValidationException(
          result.getErrors().iterator().next().getDescription(), result.getErrors());
    }
    return jwt;
  }

  private RSAPublicKey keyFor(Map<String, Object> header) {
    if (!"RS256".equals(header.get("alg"))) {
      throw new BadJwtException("Only RS256 is accepted");
    }
    if (!type.equals(header.get("typ"))) {
      throw new BadJwtException("Wrong token type");
    }
    if (header.containsKey("crit")) {
      throw new BadJwtException("Critical headers are not supported");
    }
    RSAPublicKey key = header.get("kid") instanceof String kid ? keysById.get(kid) : null;
    if (key == null) {
      throw new BadJwtException("Unknown key");
    }
    return key;
  }

  private static void verifySignature(String token, int second, RSAPublicKey key) {
    try {
      byte[] signature = BASE64URL.decode(token.substring(second + 1));
      Signature rsa = RS256.get();
      rsa.initVerify(key);
      rsa.update(token.substring(0, second).getBytes(StandardCharsets.US_ASCII));
      if (!rsa.verify(signature)) {
        throw new BadJwtException("Bad signature");
      }
    } catch (IllegalArgumentException | GeneralSecurityException e) {
      throw new BadJwtException("Bad signature", e);
    }
  }

  private static Map<String, Object> json(String part, String what) {
    try {
      Map<String, Object> map = JSON.readValue(BASE64URL.decode(part), MAP);
      if (map == null || map.isEmpty()) {
        throw new BadJwtException("Empty " + what);
      }
      return map;
    } catch (IllegalArgumentException | JacksonException e) {
      throw new BadJwtException("Malformed " + what, e);
    }
  }

  /** The claim types Spring's own converter produces: instants for times, a list for aud. */
  private static Map<String, Object> normalise(Map<String, Object> claims) {
    Map<String, Object> out = new LinkedHashMap<>(claims);
    for (String time : List.of(JwtClaimNames.EXP, JwtClaimNames.IAT, JwtClaimNames.NBF)) {
      Object value = out.get(time);
      if (value instanceof Number n) {
        out.put(time, Instant.ofEpochSecond(n.longValue()));
      } else if (value != null) {
        throw new BadJwtException("Claim " + time + " is not a number");
      }
    }
    Object aud = out.get(JwtClaimNames.AUD);
    if (aud instanceof String s) {
      out.put(JwtClaimNames.AUD, List.of(s));
    }
    return out;
  }
}
