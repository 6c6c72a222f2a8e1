package dev.croupier.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SoakTest {
  @AfterEach
  void clear() {
    System.clearProperty("croupier.soak");
    System.clearProperty("soak.test.size");
  }

  @Test
  void theSuiteSizeUnlessSoakIsOn() {
    System.setProperty("croupier.soak", "false");
    assertThat(Soak.size("soak.test.size", 10, 1_000)).isEqualTo(10);
    System.setProperty("croupier.soak", "true");
    assertThat(Soak.enabled()).isTrue();
    assertThat(Soak.size("soak.test.size", 10, 1_000)).isEqualTo(1_000);
  }

  @Test
  void theNamedPropertyOverridesBoth() {
    System.setProperty("croupier.soak", "true");
    System.setProperty("soak.test.size", "7");
    assertThat(Soak.size("soak.test.size", 10, 1_000)).isEqualTo(7);
  }
}
