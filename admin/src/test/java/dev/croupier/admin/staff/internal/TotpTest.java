package dev.croupier.admin.staff.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** TOTP against RFC 6238's own test vectors, and base32 against RFC 4648's. */
class TotpTest {
  private static final byte[] SHA1_SEED =
      "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

  @Test
  void codesMatchTheRfc6238Vectors() {
    long[][] vectors = {
      {59L, 94287082L},
      {1111111109L, 7081804L},
      {1111111111L, 14050471L},
      {1234567890L, 89005924L},
      {2000000000L, 69279037L},
      {20000000000L, 65353130L}
    };
    for (long[] v : vectors) {
      String expected = String.format("%08d", v[1]);
      assertThat(Totp.code(SHA1_SEED, Totp.step(Instant.ofEpochSecond(v[0])), "HmacSHA1", 8))
          .as("T=%d", v[0])
          .isEqualTo(expected);
    }
  }

  @Test
  void aCodeCountsForItsStepAndTheNeighboursOnlyOnce() {
    byte[] secret = Totp.newSecret();
    Instant now = Instant.ofEpochSecond(1_800_000_015L);
    long step = Totp.step(now);
    assertThat(Totp.verify(secret, Totp.code(secret, step), now, -1)).hasValue(step);
    assertThat(Totp.verify(secret, Totp.code(secret, step - 1), now, -1)).hasValue(step - 1);
    assertThat(Totp.verify(secret, Totp.code(secret, step + 1), now, -1)).hasValue(step + 1);
    assertThat(Totp.verify(secret, Totp.code(secret, step - 2), now, -1)).isEmpty();
    assertThat(Totp.verify(secret, Totp.code(secret, step), now, step))
        .as("used already")
        .isEmpty();
    assertThat(Totp.verify(secret, "12345", now, -1)).isEmpty();
    assertThat(Totp.verify(secret, null, now, -1)).isEmpty();
  }

  @Test
  void base32MatchesRfc4648WithoutPadding() {
    String[][] vectors = {
      {"", ""},
      {"f", "MY"},
      {"fo", "MZXQ"},
      {"foo", "MZXW6"},
      {"foob", "MZXW6YQ"},
      {"fooba", "MZXW6YTB"},
      {"foobar", "MZXW6YTBOI"}
    };
    for (String[] v : vectors) {
      assertThat(Totp.base32(v[0].getBytes(StandardCharsets.US_ASCII))).isEqualTo(v[1]);
    }
  }

  @Test
  void theEnrolmentUriIsWhatAuthenticatorAppsRead() {
    assertThat(
            Totp.uri("Croupier", "ann@example.com", "foobar".getBytes(StandardCharsets.US_ASCII)))
        .isEqualTo(
            "otpauth://totp/Croupier:ann%40example.com?secret=MZXW6YTBOI&issuer=Croupier"
                + "&algorithm=SHA1&digits=6&period=30");
  }

  @Test
  void aSealedSecretOpensOnlyWithItsKeyAndContext() {
    String k1 = java.util.Base64.getEncoder().encodeToString(new byte[32]);
    byte[] k2raw = new byte[32];
    k2raw[0] = 1;
    String k2 = java.util.Base64.getEncoder().encodeToString(k2raw);
    byte[] secret = Totp.newSecret();
    String sealed = new SecretBox(java.util.List.of(k1)).seal(secret, "staff-1");
    assertThat(sealed).doesNotContain(Totp.base32(secret));
    assertThat(new SecretBox(java.util.List.of(k2, k1)).open(sealed, "staff-1")).isEqualTo(secret);
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> new SecretBox(java.util.List.of(k1)).open(sealed, "staff-2"))
        .isInstanceOf(IllegalArgumentException.class);
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> new SecretBox(java.util.List.of(k2)).open(sealed, "staff-1"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
