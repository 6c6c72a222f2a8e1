package dev.croupier.gateway.identity;

import static dev.croupier.gateway.identity.TestGateway.PASSWORD;
import static dev.croupier.gateway.identity.TestGateway.randomIp;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.SignedJWT;
import dev.croupier.testsupport.PostgresDatabase;
import dev.croupier.testsupport.PostgresExtension;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/**
 * Signing keys rotate with overlap: after a restart with a new signing key and the old one as a
 * previous key, the JWKS publishes both, tokens signed with the old key stay valid until they
 * expire, and new tokens are signed with the new key; once the old key is dropped, its tokens fail.
 */
@ExtendWith(PostgresExtension.class)
class SigningKeyRotationTest {

  private static String publicPem(KeyPair key) {
    return "-----BEGIN PUBLIC KEY-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(key.getPublic().getEncoded())
        + "\n-----END PUBLIC KEY-----\n";
  }

  private static List<String> kids(JsonNode jwks) {
    List<String> out = new ArrayList<>();
    jwks.get("keys").forEach(k -> out.add(k.get("kid").asString()));
    return out;
  }

  @Test
  void tokensOfThePreviousKeyStayValidWhileItIsPublishedAndNewTokensUseTheNewKey(
      PostgresDatabase db) throws Exception {
    KeyPair oldKey = TestGateway.rsaKey();
    KeyPair newKey = TestGateway.rsaKey();
    String oldToken;
    String oldKid;
    try (TestGateway before =
        TestGateway.start(
            db, Map.of("croupier.identity.jwt.signing-key", TestGateway.pem(oldKey)))) {
      before.register("rotor@example.com", "Rotor");
      oldToken =
          before
              .login("rotor@example.com", PASSWORD, randomIp())
              .json()
              .get("accessToken")
              .asString();
      oldKid = SignedJWT.parse(oldToken).getHeader().getKeyID();
      assertThat(kids(before.get("/.well-known/jwks.json", null).json())).containsExactly(oldKid);
    }

    try (TestGateway rotated =
        TestGateway.start(
            db,
            Map.of(
                "croupier.identity.jwt.signing-key", TestGateway.pem(newKey),
                "croupier.identity.jwt.previous-keys", publicPem(oldKey)))) {
      List<String> published = kids(rotated.get("/.well-known/jwks.json", null).json());
      assertThat(published).hasSize(2).contains(oldKid);
      assertThat(rotated.get("/auth/me", oldToken).status()).isEqualTo(200);
      String newToken =
          rotated
              .login("rotor@example.com", PASSWORD, randomIp())
              .json()
              .get("accessToken")
              .asString();
      String newKid = SignedJWT.parse(newToken).getHeader().getKeyID();
      assertThat(newKid).isNotEqualTo(oldKid);
      assertThat(published).contains(newKid);
      assertThat(rotated.get("/auth/me", newToken).status()).isEqualTo(200);
    }

    try (TestGateway dropped =
        TestGateway.start(
            db, Map.of("croupier.identity.jwt.signing-key", TestGateway.pem(newKey)))) {
      assertThat(kids(dropped.get("/.well-known/jwks.json", null).json())).doesNotContain(oldKid);
      TestGateway.Response refused = dropped.get("/auth/me", oldToken);
      assertThat(refused.status()).isEqualTo(401);
      assertThat(refused.code()).isEqualTo("INVALID_TOKEN");
    }
  }
}
