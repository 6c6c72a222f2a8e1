package dev.croupier.gateway.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.croupier.testsupport.PostgresDatabase;
import dev.croupier.testsupport.PostgresExtension;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Forged, stale and mis-addressed access tokens, crafted with Nimbus the way an attacker would, are
 * each refused with 401 and a problem body; the one honest token is accepted.
 */
@ExtendWith(PostgresExtension.class)
class AccessTokenAttacksTest {
  private static TestGateway gateway;
  private static String userId;
  private static String kid;

  @BeforeAll
  static void start(PostgresDatabase db) {
    gateway = TestGateway.start(db, Map.of());
    userId = gateway.register("mallory@example.com", "Mallory");
    TestGateway.Response jwks =
        gateway.send(
            java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create(gateway.url("/.well-known/jwks.json")))
                .build());
    kid = jwks.json().get("keys").get(0).get("kid").asString();
  }

  @AfterAll
  static void stop() {
    gateway.close();
  }

  private static JWTClaimsSet.Builder claims() {
    Instant now = Instant.now();
    return new JWTClaimsSet.Builder()
        .issuer("urn:croupier:identity")
        .audience("croupier")
        .subject(userId)
        .claim("device_id", "test-device")
        .claim("roles", List.of("PLAYER"))
        .issueTime(Date.from(now))
        .expirationTime(Date.from(now.plusSeconds(600)))
        .jwtID(UUID.randomUUID().toString());
  }

  private static String sign(
      PrivateKey key, UnaryOperator<JWSHeader.Builder> header, JWTClaimsSet claims)
      throws Exception {
    SignedJWT jwt =
        new SignedJWT(
            header
                .apply(
                    new JWSHeader.Builder(JWSAlgorithm.RS256)
                        .keyID(kid)
                        .type(new JOSEObjectType("at+jwt")))
                .build(),
            claims);
    jwt.sign(new RSASSASigner(key));
    return jwt.serialize();
  }

  private static String honest(JWTClaimsSet claims) throws Exception {
    return sign(gateway.signingKey.getPrivate(), h -> h, claims);
  }

  private static void assertRefused(String token) {
    TestGateway.Response r = gateway.get("/auth/me", token);
    assertThat(r.status()).as(r.body()).isEqualTo(401);
    assertThat(r.header("Content-Type")).startsWith("application/problem+json");
    assertThat(r.header("WWW-Authenticate")).isEqualTo("Bearer error=\"invalid_token\"");
    assertThat(r.code()).isEqualTo("INVALID_TOKEN");
    assertThat(r.json().get("status").asInt()).isEqualTo(401);
  }

  @Test
  void anHonestlySignedTokenIsAccepted() throws Exception {
    TestGateway.Response r = gateway.get("/auth/me", honest(claims().build()));

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().path("profile").path("userId").asString()).isEqualTo(userId);
  }

  @Test
  void unsignedAlgNoneTokenIsRefused() {
    assertRefused(new PlainJWT(claims().build()).serialize());
  }

  @Test
  void hs256TokenSignedWithThePublicKeyIsRefused() throws Exception {
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.HS256)
                .keyID(kid)
                .type(new JOSEObjectType("at+jwt"))
                .build(),
            claims().build());
    jwt.sign(new MACSigner(gateway.signingKey.getPublic().getEncoded()));

    assertRefused(jwt.serialize());
  }

  @Test
  void expiredTokenIsRefused() throws Exception {
    Instant past = Instant.now().minusSeconds(3600);
    assertRefused(
        honest(
            claims()
                .issueTime(Date.from(past.minusSeconds(900)))
                .expirationTime(Date.from(past))
                .build()));
  }

  @Test
  void wrongIssuerIsRefused() throws Exception {
    assertRefused(honest(claims().issuer("https://evil.example").build()));
  }

  @Test
  void wrongAudienceIsRefused() throws Exception {
    assertRefused(honest(claims().audience("wallet").build()));
  }

  @Test
  void unknownKeyIdIsRefusedEvenWhenSignedByAnotherValidKey() throws Exception {
    KeyPair other = TestGateway.rsaKey();
    assertRefused(sign(other.getPrivate(), h -> h.keyID("attacker-key"), claims().build()));
  }

  @Test
  void ourKeyIdOnAnotherKeysSignatureIsRefused() throws Exception {
    assertRefused(sign(TestGateway.rsaKey().getPrivate(), h -> h, claims().build()));
  }

  @Test
  void missingKeyIdIsRefused() throws Exception {
    assertRefused(sign(gateway.signingKey.getPrivate(), h -> h.keyID(null), claims().build()));
  }

  @Test
  void tamperedPayloadIsRefused() throws Exception {
    String[] parts = honest(claims().build()).split("\\.");
    String forgedPayload =
        Base64URL.encode(
                claims()
                    .subject(UUID.randomUUID().toString())
                    .claim("roles", List.of("ADMIN"))
                    .build()
                    .toString()
                    .getBytes(StandardCharsets.UTF_8))
            .toString();

    assertRefused(parts[0] + "." + forgedPayload + "." + parts[2]);
  }

  @Test
  void tokenOfAnotherTypeSuchAsAnIdTokenIsRefused() throws Exception {
    assertRefused(
        sign(gateway.signingKey.getPrivate(), h -> h.type(JOSEObjectType.JWT), claims().build()));
  }

  @Test
  void tokenWithoutDeviceIdIsRefused() throws Exception {
    assertRefused(honest(claims().claim("device_id", null).build()));
  }

  @Test
  void garbageIsRefused() {
    assertRefused("not-a-jwt");
  }

  @Test
  void missingTokenGetsA401ProblemWithAPlainBearerChallenge() {
    TestGateway.Response r =
        gateway.send(
            java.net.http.HttpRequest.newBuilder(java.net.URI.create(gateway.url("/auth/me")))
                .build());

    assertThat(r.status()).isEqualTo(401);
    assertThat(r.header("WWW-Authenticate")).isEqualTo("Bearer");
    assertThat(r.code()).isEqualTo("INVALID_TOKEN");
  }

  @Test
  void webSocketUpgradePathIsGuardedTooAndTakesNoTokenInItsUrl() {
    TestGateway.Response inUrl =
        gateway.send(
            java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create(gateway.url("/ws?access_token=forged")))
                .build());
    TestGateway.Response notAnUpgrade =
        gateway.send(
            java.net.http.HttpRequest.newBuilder(java.net.URI.create(gateway.url("/ws")))
                .header("Authorization", "Bearer forged")
                .build());

    assertThat(inUrl.status()).isEqualTo(400);
    assertThat(inUrl.code()).isEqualTo("TOKEN_IN_URL");
    assertThat(notAnUpgrade.status()).isEqualTo(400);
    assertThat(notAnUpgrade.code()).isEqualTo("VALIDATION_FAILED");
  }

  @Test
  void theWebClientsStaticFilesNeedNoTokenButEverythingElseDoes() {
    TestGateway.Response page =
        gateway.send(
            java.net.http.HttpRequest.newBuilder(java.net.URI.create(gateway.url("/"))).build());
    TestGateway.Response other =
        gateway.send(
            java.net.http.HttpRequest.newBuilder(java.net.URI.create(gateway.url("/api/anything")))
                .build());

    assertThat(page.status()).isEqualTo(200);
    assertThat(page.body()).contains("<html");
    assertThat(other.status()).isEqualTo(401);
  }
}
