package dev.croupier.architecture;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Each rule of {@link ArchitectureTest} fails on classes that break it on purpose (in {@code
 * fixtures}): a rule that could not fail would prove nothing.
 */
class RulesCatchViolationsTest {
  private static final String FIXTURES = "dev.croupier.architecture.fixtures";
  private final JavaClasses fixtures = new ClassFileImporter().importPackages(FIXTURES);

  @Test
  void anInternalPackageReachedFromAnotherFeatureFailsTheRule() {
    assertBroken(Rules.internalPackagesStayInternal(), "Intruder");
    assertThatCode(
            () ->
                Rules.internalPackagesStayInternal()
                    .check(
                        new ClassFileImporter()
                            .importPackages(FIXTURES + ".feature", FIXTURES + ".feature.internal")))
        .doesNotThrowAnyException();
  }

  @Test
  void readingAnotherContextsSchemaFailsTheRule() {
    assertBroken(Rules.touchesOnlyItsOwnSchemas("a module", List.of("identity")), "ReadsTheWallet");
    assertThatCode(
            () ->
                Rules.touchesOnlyItsOwnSchemas("the wallet", List.of("wallet"))
                    .check(new ClassFileImporter().importPackages(FIXTURES + ".schema")))
        .doesNotThrowAnyException();
  }

  @Test
  void theClockASleepAndAMutableStaticInWorkflowCodeFailTheRules() {
    assertBroken(
        Rules.workflowCodeIsDeterministic(FIXTURES + ".workflow.."), "Thread", "currentTimeMillis");
    assertBroken(Rules.workflowCodeHasNoMutableStatics(FIXTURES + ".workflow.."), "runs");
  }

  @Test
  void linkingAnAppFailsTheRule() {
    assertBroken(Rules.nobodyLinksTheApp("the app", FIXTURES + ".app"), "LinksTheApp");
  }

  @Test
  void platformCodeThatKnowsAConcreteGameFailsTheRule() {
    assertBroken(Rules.noCodeReachesIntoAGame(FIXTURES + ".game.."), "ChecksTheGame");
  }

  private void assertBroken(ArchRule rule, String... named) {
    assertThatThrownBy(() -> rule.check(fixtures))
        .isInstanceOf(AssertionError.class)
        .hasMessageContainingAll(named);
  }
}
