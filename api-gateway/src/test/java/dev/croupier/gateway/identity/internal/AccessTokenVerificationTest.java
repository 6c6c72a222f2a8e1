package dev.croupier.gateway.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * The Nimbus decoder as the gateway configures it, on hand-built tokens: what the HTTP-level attack
 * tests cannot easily express (duplicate header keys, critical headers, extra segments, bad claim
 * types, a missing kid).
 */
class AccessTokenVerificationTest {
  private static KeyPair keys;
  private static JwtDecoder decoder;

  @BeforeAll
  static void keys() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    keys = generator.generateKeyPair();
    decoder =
        AccessTokenVerification.decoder(
            new JWKSet(new RSAKey.Builder((RSAPublicKey) keys.getPublic()).keyID("k1").build()),
            jwt -> OAuth2TokenValidatorResult.success());
  }

  private static final String HEADER = "{\"alg\":\"RS256\",\"typ\":\"at+jwt\",\"kid\":\"k1\"}";
  private static final String CLAIMS =
      "{\"sub\":\"u1\",\"aud\":\"croupier\",\"exp\":"
          + (Instant.now().getEpochSecond() + 600)
          + "}";

  @Test
  void wellFormedTokenDecodesWithInstantsAndAudienceList() throws Exception {
    Jwt jwt = decoder.decode(sign(HEADER, CLAIMS));
    assertThat(jwt.getSubject()).isEqualTo("u1");
    assertThat(jwt.getAudience()).containsExactly("croupier");
    assertThat(jwt.getExpiresAt()).isAfter(Instant.now());
  }

  @Test
  void duplicateHeaderKeysAreRefusedRatherThanLastOneWins() throws Exception {
    String header = "{\"alg\":\"none\",\"alg\":\"RS256\",\"typ\":\"at+jwt\",\"kid\":\"k1\"}";
    String token = sign(header, CLAIMS);
    assertThatThrownBy(() -> decoder.decode(token)).isInstanceOf(BadJwtException.class);
  }

  @Test
  void criticalHeaderIsRefused() throws Exception {
    String header =
        "{\"alg\":\"RS256\",\"typ\":\"at+jwt\",\"kid\":\"k1\",\"crit\":[\"x\"],\"x\":1}";
    String token = sign(header, CLAIMS);
    assertThatThrownBy(() -> decoder.decode(token)).isInstanceOf(BadJwtException.class);
  }

  @Test
  void extraOrMissingSegmentsAreRefused() throws Exception {
    String token = sign(HEADER, CLAIMS);
    List<String> bad =
        List.of(token + ".x", token.substring(0, token.lastIndexOf('.')), "a..b", ".a.b", "");
    for (String candidate : bad) {
      assertThatThrownBy(() -> decoder.decode(candidate)).isInstanceOf(JwtException.class);
    }
  }

  @Test
  void signatureOverOtherBytesIsRefused() throws Exception {
    String token = sign(HEADER, CLAIMS);
    String other = sign(HEADER, CLAIMS.replace("u1", "u2"));
    String spliced =
        token.substring(0, token.lastIndexOf('.')) + other.substring(other.lastIndexOf('.'));
    assertThatThrownBy(() -> decoder.decode(spliced)).isInstanceOf(BadJwtException.class);
  }

  @Test
  void nonNumericExpiryIsRefused() throws Exception {
    String token = sign(HEADER, "{\"sub\":\"u1\",\"exp\":\"tomorrow\"}");
    assertThatThrownBy(() -> decoder.decode(token)).isInstanceOf(BadJwtException.class);
  }

  @Test
  void aTokenWithoutKidIsRefusedRatherThanTriedAgainstEveryKey() throws Exception {
    String noKid = sign("{\"alg\":\"RS256\",\"typ\":\"at+jwt\"}", CLAIMS);
    assertThatThrownBy(() -> decoder.decode(noKid)).isInstanceOf(BadJwtException.class);
  }

  @Test
  void wrongTypeAndUnknownKidAreRefused() throws Exception {
    String wrongType = sign(HEADER.replace("at+jwt", "JWT"), CLAIMS);
    String unknownKid = sign(HEADER.replace("k1", "k2"), CLAIMS);
    assertThatThrownBy(() -> decoder.decode(wrongType)).isInstanceOf(BadJwtException.class);
    assertThatThrownBy(() -> decoder.decode(unknownKid)).isInstanceOf(BadJwtException.class);
  }

  private static String sign(String header, String claims) throws Exception {
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    String input =
        b64.encodeToString(header.getBytes(StandardCharsets.UTF_8))
            + "."
            + b64.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
    Signature rsa = Signature.getInstance("SHA256withRSA");
    rsa.initSign(keys.getPrivate());
    rsa.update(input.getBytes(StandardCharsets.US_ASCII));
    return input + "." + b64.encodeToString(rsa.sign());
  }
}
