package dev.croupier.wallet.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ServiceTokenTest {
  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
  private final ServiceTokenKey key = ServiceTokenKey.random();

  @Test
  void signedTokenVerifiesWithTheSameKeyAndAudience() {
    String token =
        ServiceToken.of("croupier", "workers", "wallet", NOW, Duration.ofMinutes(5)).sign(key);

    ServiceToken claims = ServiceToken.verify(key, token, "wallet", NOW.plusSeconds(10));

    assertThat(claims.subject()).isEqualTo("workers");
    assertThat(claims.expiresAt()).isEqualTo(NOW.plusSeconds(300));
  }

  @Test
  void tokenSignedWithAnotherKeyIsRejected() {
    String token =
        ServiceToken.of("croupier", "workers", "wallet", NOW, Duration.ofMinutes(5))
            .sign(ServiceTokenKey.random());

    assertThatThrownBy(() -> ServiceToken.verify(key, token, "wallet", NOW))
        .isInstanceOf(ServiceTokenException.class)
        .hasMessageContaining("signature");
  }

  @Test
  void expiredTokenIsRejected() {
    String token =
        ServiceToken.of("croupier", "workers", "wallet", NOW, Duration.ofMinutes(5)).sign(key);

    assertThatThrownBy(() -> ServiceToken.verify(key, token, "wallet", NOW.plusSeconds(300)))
        .hasMessageContaining("expired");
  }

  @Test
  void tokenForAnotherAudienceIsRejected() {
    String token =
        ServiceToken.of("croupier", "workers", "admin", NOW, Duration.ofMinutes(5)).sign(key);

    assertThatThrownBy(() -> ServiceToken.verify(key, token, "wallet", NOW))
        .hasMessageContaining("admin");
  }

  @Test
  void tamperedPayloadIsRejected() {
    String token =
        ServiceToken.of("croupier", "workers", "wallet", NOW, Duration.ofMinutes(5)).sign(key);
    String other =
        ServiceToken.of("croupier", "admin", "wallet", NOW, Duration.ofMinutes(5)).sign(key);
    String[] a = token.split("\\.");
    String[] b = other.split("\\.");

    assertThatThrownBy(
            () -> ServiceToken.verify(key, a[0] + "." + b[1] + "." + a[2], "wallet", NOW))
        .isInstanceOf(ServiceTokenException.class);
    assertThatThrownBy(() -> ServiceToken.verify(key, "garbage", "wallet", NOW))
        .isInstanceOf(ServiceTokenException.class);
  }

  @Test
  void keysShorterThan32BytesAreRefused() {
    assertThatThrownBy(() -> ServiceTokenKey.fromBase64("c2hvcnQ="))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(ServiceTokenKey.fromBase64(key.toBase64())).isEqualTo(key);
  }
}
