package dev.croupier.gateway.identity.internal;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
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
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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

  private AccessTokenKeys(RSAKey signingKey, List<RSAKey> previous) {
    this.signingKey = signingKey;
    List<JWK> published = new ArrayList<>();
    published.add(signingKey.toPublicJWK());
    previous.stream()
        .filter(k -> !k.getKeyID().equals(signingKey.getKeyID()))
        .forEach(published::add);
    this.publicKeys = new JWKSet(published);
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
              .build(),
          previousKeys(config.previousKeys()));
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

  private static final Pattern PEM_BLOCK =
      Pattern.compile(
          "-----BEGIN (PUBLIC KEY|PRIVATE KEY)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");

  /** The public halves of the previous keys, each with its RFC 7638 thumbprint as {@code kid}. */
  private static List<RSAKey> previousKeys(String pems) {
    List<RSAKey> out = new ArrayList<>();
    if (pems == null || pems.isBlank()) {
      return out;
    }
    Matcher m = PEM_BLOCK.matcher(pems);
    while (m.find()) {
      RSAPublicKey publicKey;
      if (m.group(1).equals("PRIVATE KEY")) {
        publicKey = (RSAPublicKey) parse(m.group()).getPublic();
      } else {
        try {
          byte[] der = Base64.getDecoder().decode(m.group(2).replaceAll("\\s", ""));
          publicKey =
              (RSAPublicKey)
                  KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
        } catch (GeneralSecurityException | IllegalArgumentException | ClassCastException e) {
          throw new IllegalStateException(
              "A previous access-token key is not an RSA public key in PEM: " + e.getMessage(), e);
        }
      }
      try {
        RSAKey key =
            new RSAKey.Builder(publicKey).keyUse(KeyUse.SIGNATURE).algorithm(ALGORITHM).build();
        out.add(new RSAKey.Builder(key).keyID(key.computeThumbprint().toString()).build());
      } catch (JOSEException e) {
        throw new IllegalStateException("Cannot build a previous JWK: " + e.getMessage(), e);
      }
    }
    if (out.isEmpty()) {
      throw new IllegalStateException(
          "CROUPIER_JWT_PREVIOUS_KEYS holds no PEM public or private key.");
    }
    return out;
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
