package dev.croupier.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.nameMatching;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The module structure the README draws, checked over every module's compiled classes. The Maven
 * Enforcer rules in the poms check the same direction on the dependency graph; these check the code
 * itself. {@link RulesCatchViolationsTest} shows that each rule fails when broken.
 */
class ArchitectureTest {
  /** The schemas each module may touch through jOOQ; every other module touches none. */
  static final Map<String, List<String>> SCHEMA_OWNERS =
      Map.of(
          "api-gateway", List.of("identity"),
          "wallet-ledger", List.of("wallet"),
          "game-store", List.of("game"),
          "realtime", List.of("realtime"),
          "admin", List.of("admin"));

  /** The modules that host game engines in workflow code, and whose code must replay. */
  static final String[] DETERMINISTIC = {"dev.croupier.workflows..", "dev.croupier.games.poker.."};

  @Test
  void internalPackagesAreReachedOnlyFromTheirOwnFeature() {
    Rules.internalPackagesStayInternal().check(Modules.allBut(List.of()));
  }

  @Test
  void eachModuleTouchesOnlyTheSchemasItOwns() {
    for (String module : Modules.DIRECTORIES.keySet()) {
      if (module.equals("db")) {
        continue; // the generated code itself
      }
      Rules.touchesOnlyItsOwnSchemas(module, SCHEMA_OWNERS.getOrDefault(module, List.of()))
          .check(Modules.of(module));
    }
  }

  @Test
  void eachSchemaHasOneOwnerThatUsesIt() {
    for (Map.Entry<String, List<String>> owner : SCHEMA_OWNERS.entrySet()) {
      Set<String> used = new TreeSet<>();
      for (JavaClass c : Modules.of(owner.getKey())) {
        c.getDirectDependenciesFromSelf().stream()
            .map(d -> d.getTargetClass().getPackageName())
            .filter(p -> p.startsWith("dev.croupier.db.jooq."))
            .map(p -> p.substring("dev.croupier.db.jooq.".length()).split("\\.")[0])
            .forEach(used::add);
      }
      assertThat(used).as(owner.getKey() + " uses its schema").containsAll(owner.getValue());
    }
  }

  @Test
  void workflowCodeAndTheEnginesItRunsAreDeterministic() {
    JavaClasses classes = Modules.allBut(List.of());
    Rules.workflowCodeIsDeterministic(DETERMINISTIC).check(classes);
    Rules.workflowCodeHasNoMutableStatics(DETERMINISTIC).check(classes);
  }

  @Test
  void theEvidenceVerifierNeedsNoDatabaseOrNetwork() {
    com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "java.net..",
            "java.sql..",
            "javax.sql..",
            "org.jooq..",
            "io.grpc..",
            "io.temporal..",
            "org.springframework..",
            "dev.croupier.db..",
            "dev.croupier.api..")
        .because("an auditor runs the verifier offline, on the bundle alone")
        .check(Modules.of("evidence-verifier"));
  }

  @Test
  void noModuleLinksAnApp() {
    for (String app : Modules.APPS) {
      String[] packages = packagesOf(Modules.of(app));
      // The benchmarks measure the wallet's engine from inside: they alone may link it.
      List<String> allowed = app.equals("wallet-ledger") ? List.of(app, "bench") : List.of(app);
      Rules.nobodyLinksTheApp(app, packages).check(Modules.allBut(allowed));
    }
  }

  @Test
  void noPlatformCodeReachesIntoAGame() {
    JavaClasses platform =
        Modules.allBut(
            List.of("game-plugins-slots", "game-plugins-poker", "bench", "evidence-verifier"));
    Rules.noCodeReachesIntoAGame("dev.croupier.games.slots..", "dev.croupier.games.poker..")
        .check(platform);
  }

  /**
   * The offline verifier re-deals a bundle's poker hands with the certified deal, and touches
   * nothing else of a game: its rounds go through the plugin API like the platform's.
   */
  @Test
  void theEvidenceVerifierReachesAGameOnlyThroughPokersCertifiedDeal() {
    noClasses()
        .should()
        .dependOnClassesThat(
            resideInAnyPackage("dev.croupier.games.slots..", "dev.croupier.games.poker..")
                .and(not(nameMatching("dev\\.croupier\\.games\\.poker\\.PokerDeal(\\$Deal)?"))))
        .because("a bundle's hands are checked with PokerDeal alone, the rest through the API")
        .check(Modules.of("evidence-verifier"));
  }

  private static String[] packagesOf(JavaClasses classes) {
    Set<String> packages = new TreeSet<>();
    for (JavaClass c : classes) {
      packages.add(c.getPackageName());
    }
    return packages.toArray(String[]::new);
  }
}
