package dev.croupier.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.List;

/**
 * The architecture's rules, as factories over package names, so that each one is applied to the
 * real modules ({@link ArchitectureTest}) and to classes that break it on purpose ({@link
 * RulesCatchViolationsTest}).
 */
final class Rules {
  private Rules() {}

  /**
   * A package {@code p.internal} (and below) is reached only from {@code p} and below: what is
   * internal to a feature stays in it.
   */
  static ArchRule internalPackagesStayInternal() {
    return classes()
        .that()
        .resideInAPackage("..internal..")
        .should(onlyBeAccessedFromTheirOwnPackageTree())
        .allowEmptyShould(true)
        .because("a feature's internal package is reached only from that feature");
  }

  private static ArchCondition<JavaClass> onlyBeAccessedFromTheirOwnPackageTree() {
    return new ArchCondition<>("be accessed only from the package tree that holds .internal") {
      @Override
      public void check(JavaClass internal, ConditionEvents events) {
        String pkg = internal.getPackageName();
        String owner = pkg.substring(0, pkg.indexOf(".internal"));
        for (JavaAccess<?> access : internal.getAccessesToSelf()) {
          String from = access.getOriginOwner().getPackageName();
          if (!from.equals(owner) && !from.startsWith(owner + ".")) {
            events.add(SimpleConditionEvent.violated(access, access.getDescription()));
          }
        }
      }
    };
  }

  /**
   * Classes of a module touch only the generated jOOQ code of the schemas it owns: {@code
   * dev.croupier.db.jooq.<schema>}.
   */
  static ArchRule touchesOnlyItsOwnSchemas(String module, List<String> ownedSchemas) {
    DescribedPredicate<JavaClass> foreignSchema =
        new DescribedPredicate<>("jOOQ code of a schema other than " + ownedSchemas) {
          @Override
          public boolean test(JavaClass c) {
            String p = c.getPackageName();
            if (!p.startsWith("dev.croupier.db.jooq")) {
              return false;
            }
            String rest = p.equals("dev.croupier.db.jooq") ? "" : p.substring(21);
            String schema = rest.contains(".") ? rest.substring(0, rest.indexOf('.')) : rest;
            return schema.isEmpty() || !ownedSchemas.contains(schema);
          }
        };
    return noClasses()
        .should()
        .dependOnClassesThat(foreignSchema)
        .because(module + " owns " + ownedSchemas + " and reads others only through their APIs");
  }

  /**
   * Workflow code is deterministic: no Temporal client, no I/O or network, no database, Kafka, gRPC
   * or Spring, no clock, randomness or threads of its own, and no mutable static state.
   */
  static ArchRule workflowCodeIsDeterministic(String... packages) {
    return noClasses()
        .that()
        .resideInAnyPackage(packages)
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.temporal.client..",
            "io.temporal.serviceclient..",
            "io.grpc..",
            "java.io..",
            "java.nio.file..",
            "java.net..",
            "java.sql..",
            "javax.sql..",
            "org.springframework..",
            "org.jooq..",
            "org.apache.kafka..",
            "dev.croupier.client..")
        .orShould()
        .dependOnClassesThat()
        .haveFullyQualifiedName("java.util.Random")
        .orShould()
        .dependOnClassesThat()
        .haveFullyQualifiedName("java.security.SecureRandom")
        .orShould()
        .dependOnClassesThat()
        .haveFullyQualifiedName("java.lang.Thread")
        .orShould()
        .dependOnClassesThat()
        .haveFullyQualifiedName("java.util.concurrent.CompletableFuture")
        .orShould()
        .callMethod(System.class, "currentTimeMillis")
        .orShould()
        .callMethod(System.class, "nanoTime")
        .orShould()
        .callMethod(java.time.Instant.class, "now")
        .orShould()
        .callMethod(java.time.LocalDateTime.class, "now")
        .orShould()
        .callMethod(java.util.UUID.class, "randomUUID")
        .because("workflow code must replay: time, randomness and effects go through Workflow.*");
  }

  /** No mutable static state in workflow code: a static field is final. */
  static ArchRule workflowCodeHasNoMutableStatics(String... packages) {
    return fields()
        .that()
        .areDeclaredInClassesThat()
        .resideInAnyPackage(packages)
        .and()
        .areStatic()
        .should()
        .haveModifier(JavaModifier.FINAL)
        .allowEmptyShould(true)
        .because("a static that changes is state a replay does not see");
  }

  /** No class outside {@code appPackages} depends on the app's classes: apps are leaves. */
  static ArchRule nobodyLinksTheApp(String app, String... appPackages) {
    return noClasses()
        .that()
        .resideOutsideOfPackages(appPackages)
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(appPackages)
        .because(app + " is an app: run it, or call its API, never link it");
  }

  /** No class depends on a game plugin's own packages: plugins are found at run time. */
  static ArchRule noCodeReachesIntoAGame(String... pluginPackages) {
    return noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(pluginPackages)
        .because("the platform knows the kind of a game, never the game: plugins load at run time");
  }
}
