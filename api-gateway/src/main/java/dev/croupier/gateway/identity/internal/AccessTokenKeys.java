package dev.croupier.gateway.identity.internal;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import dev.croupier.gateway.identity.IdentityProperties;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The access-token signing key: RSA, RS256. RSA rather than EC because verifying, which every
 * request and WebSocket upgrade does, is many times cheaper for RSA; signing happens only at login
 * and refresh. The key comes from configuration as PKCS#8 PEM; only when explicitly allowed is an
 * ephemeral key generated.
 */
final class AccessTokenKeys {
  static final JWSAlgorithm ALGORITHM = JWSAlgorithm.RS256;
  static final int MIN_BITS = 2048;
  private static final Logger log = LoggerFactory.getLogger(AccessTokenKeys.class);

  private final RSAKey signingKey;
  private final JWKSet publicKeys;

  private AccessTokenKeys(RSAKey signingKey) {
    this.signingKey = signingKey;
    this.publicKeys = new JWKSet(signingKey.toPublicJWK());
  }

  static AccessTokenKeys from(IdentityProperties.Jwt config) {
    String pem = config.signingKey();
    KeyPair pair;
    if (pem != null && !pem.isBlank()) {
      pair = parse(pem);
    } else if (config.generateDevKey()) {
      log.warn(
          "No access-token signing key configured (CROUPIER_JWT_SIGNING_KEY); generated an"
              + " ephemeral RSA key. Tokens stop working when this process ends. Never do this in"
              + " production.");
      pair = generate();
    } else {
      throw new IllegalStateException(
          "No access-token signing key. Set CROUPIER_JWT_SIGNING_KEY (croupier.identity.jwt"
              + ".signing-key) to an RSA private key in PKCS#8 PEM, for example from `openssl"
              + " genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:3072`, or for local runs only set"
              + " croupier.identity.jwt.generate-dev-key=true.");
    }
    RSAPublicKey publicKey = (RSAPublicKey) pair.getPublic();
    if (publicKey.getModulus().bitLength() < MIN_BITS) {
      throw new IllegalStateException(
          "The access-token signing key has %d bits; use at least %d."
              .formatted(publicKey.getModulus().bitLength(), MIN_BITS));
    }
    try {
      RSAKey base =
          new RSAKey.Builder(publicKey)
              .privateKey(pair.getPrivate())
              .keyUse(KeyUse.SIGNATURE)
              .algorithm(ALGORITHM)
              .build();
      String kid = config.keyId();
      return new AccessTokenKeys(
          new RSAKey.Builder(base)
              .keyID(kid != null && !kid.isBlank() ? kid : base.computeThumbprint().toString())
              .build());
    } catch (JOSEException e) {
      throw new IllegalStateException("Cannot build the signing JWK: " + e.getMessage(), e);
    }
  }

  RSAKey signingKey() {
    return signingKey;
  }

  /** The public half only, as served at {@code /.well-known/jwks.json}. */
  JWKSet publicKeys() {
    return publicKeys;
  }

  private static KeyPair parse(String pem) {
    if (pem.contains("BEGIN RSA PRIVATE KEY")) {
      throw new IllegalStateException(
          "The access-token signing key is PKCS#1; convert it to PKCS#8 with `openssl pkcs8"
              + " -topk8 -nocrypt -in key.pem`.");
    }
    String base64 = pem.replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\s", "");
    try {
      byte[] der = Base64.getDecoder().decode(base64);
      KeyFactory rsa = KeyFactory.getInstance("RSA");
      RSAPrivateCrtKey privateKey =
          (RSAPrivateCrtKey) rsa.generatePrivate(new PKCS8EncodedKeySpec(der));
      RSAPublicKey publicKey =
          (RSAPublicKey)
              rsa.generatePublic(
                  new RSAPublicKeySpec(privateKey.getModulus(), privateKey.getPublicExponent()));
      return new KeyPair(publicKey, privateKey);
    } catch (GeneralSecurityException | IllegalArgumentException | ClassCastException e) {
      throw new IllegalStateException(
          "The access-token signing key is not an RSA private key in PKCS#8 PEM: " + e.getMessage(),
          e);
    }
  }

  private static KeyPair generate() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(MIN_BITS);
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
