package dev.croupier.admin.staff.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals small secrets (TOTP secrets) at rest with AES-256-GCM under the admin app's keys, so that a
 * copy of schema {@code admin} alone does not give anyone a staff member's second factor. Sealed
 * form: {@code <key id>:<base64 of 12-byte IV and ciphertext>}; the key id is the first 8 hex
 * digits of the key's SHA-256. The first key seals; every key opens, so a key can be rotated by
 * putting the new one first and keeping the old one until every secret is sealed again.
 */
public final class SecretBox {
  private static final SecureRandom RANDOM = new SecureRandom();
  private final Map<String, SecretKeySpec> keys = new LinkedHashMap<>();
  private final String sealingKeyId;

  /**
   * @param base64Keys 32-byte keys, base64, the sealing key first
   * @throws IllegalArgumentException when there is none, or one is not 32 bytes
   */
  public SecretBox(List<String> base64Keys) {
    if (base64Keys == null || base64Keys.isEmpty()) {
      throw new IllegalArgumentException("no key to seal secrets with");
    }
    for (String k : base64Keys) {
      byte[] raw;
      try {
        raw = Base64.getDecoder().decode(k.trim());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("a secret key is not base64", e);
      }
      if (raw.length != 32) {
        throw new IllegalArgumentException("a secret key must be 32 bytes, not " + raw.length);
      }
      keys.put(keyId(raw), new SecretKeySpec(raw, "AES"));
    }
    this.sealingKeyId = keys.keySet().iterator().next();
  }

  /** Seals {@code secret}; {@code context} (for example the staff id) is bound to it. */
  public String seal(byte[] secret, String context) {
    try {
      byte[] iv = new byte[12];
      RANDOM.nextBytes(iv);
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.ENCRYPT_MODE, keys.get(sealingKeyId), new GCMParameterSpec(128, iv));
      c.updateAAD(context.getBytes(StandardCharsets.UTF_8));
      byte[] sealed = c.doFinal(secret);
      return sealingKeyId
          + ":"
          + Base64.getEncoder()
              .encodeToString(ByteBuffer.allocate(12 + sealed.length).put(iv).put(sealed).array());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("sealing failed", e);
    }
  }

  /**
   * Opens what {@link #seal} made under the same {@code context}.
   *
   * @throws IllegalArgumentException when the key is unknown or the text was altered
   */
  public byte[] open(String sealed, String context) {
    int colon = sealed == null ? -1 : sealed.indexOf(':');
    if (colon < 0) {
      throw new IllegalArgumentException("not a sealed secret");
    }
    SecretKeySpec key = keys.get(sealed.substring(0, colon));
    if (key == null) {
      throw new IllegalArgumentException("sealed under a key this app does not have");
    }
    try {
      byte[] all = Base64.getDecoder().decode(sealed.substring(colon + 1));
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, all, 0, 12));
      c.updateAAD(context.getBytes(StandardCharsets.UTF_8));
      return c.doFinal(all, 12, all.length - 12);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IllegalArgumentException("the sealed secret does not open", e);
    }
  }

  static String keyId(byte[] raw) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(raw), 0, 4);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
