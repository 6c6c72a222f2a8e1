package dev.croupier.testsupport;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

class RequirementTest {

  @Test
  void aMissingComponentFailsTheTestUnderCiSayingWhatToInstall() {
    assertThatThrownBy(() -> Requirement.require(false, "Node.js", "apt-get install nodejs", true))
        .isInstanceOf(AssertionFailedError.class)
        .hasMessageContaining("Node.js is missing: apt-get install nodejs")
        .hasMessageContaining("CI=true");
  }

  @Test
  void aMissingComponentSkipsTheTestOutsideCiWithTheSameAdvice() {
    assertThatThrownBy(() -> Requirement.require(false, "Node.js", "apt-get install nodejs", false))
        .isInstanceOf(TestAbortedException.class)
        .hasMessageContaining("Node.js is missing: apt-get install nodejs")
        .hasMessageContaining("skipped outside CI");
  }

  @Test
  void aPresentComponentNeitherFailsNorSkips() {
    assertThatCode(() -> Requirement.require(true, "Node.js", "apt-get install nodejs", true))
        .doesNotThrowAnyException();
    assertThatCode(() -> Requirement.require(true, "Node.js", "apt-get install nodejs", false))
        .doesNotThrowAnyException();
  }
}
