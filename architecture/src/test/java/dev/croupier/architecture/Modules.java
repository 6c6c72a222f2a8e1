package dev.croupier.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every module's compiled main classes, read from its {@code target/classes} (the build has
 * compiled them by the time this module's tests run), by module name. Reading the class files, not
 * the class path, keeps this module from linking any app it checks.
 */
final class Modules {
  /** Module name to its directory under the checkout. */
  static final Map<String, String> DIRECTORIES = new LinkedHashMap<>();

  static {
    DIRECTORIES.put("errors", "errors");
    DIRECTORIES.put("test-support", "test-support");
    DIRECTORIES.put("devstack", "temporal-config/devstack");
    DIRECTORIES.put("db", "db");
    DIRECTORIES.put("outbox", "outbox");
    DIRECTORIES.put("feature-flags", "feature-flags");
    DIRECTORIES.put("observability", "observability");
    DIRECTORIES.put("game-plugins-api", "game-plugins/api");
    DIRECTORIES.put("game-plugins-slots", "game-plugins/slots");
    DIRECTORIES.put("game-plugins-poker", "game-plugins/poker");
    DIRECTORIES.put("evidence-verifier", "evidence-verifier");
    DIRECTORIES.put("wallet-ledger-api", "wallet-ledger/api");
    DIRECTORIES.put("wallet-ledger", "wallet-ledger/server");
    DIRECTORIES.put("identity-api", "identity-api");
    DIRECTORIES.put("workflows", "workflows");
    DIRECTORIES.put("workflow-client", "workflow-client");
    DIRECTORIES.put("game-store", "game-store");
    DIRECTORIES.put("activities", "activities");
    DIRECTORIES.put("workers", "workers");
    DIRECTORIES.put("realtime", "realtime");
    DIRECTORIES.put("api-gateway", "api-gateway");
    DIRECTORIES.put("admin", "admin");
    DIRECTORIES.put("launcher", "temporal-config/launcher");
    DIRECTORIES.put("bench", "bench");
    DIRECTORIES.put("topology", "topology");
  }

  /** The apps: Spring Boot applications and the launcher, which no other module may link. */
  static final List<String> APPS =
      List.of("wallet-ledger", "workers", "realtime", "api-gateway", "admin", "launcher");

  private static final Map<String, JavaClasses> CACHE = new LinkedHashMap<>();

  private Modules() {}

  /** The checkout's root: the parent of this module's directory. */
  static Path root() {
    Path here = Path.of("").toAbsolutePath();
    return Files.isDirectory(here.resolve("architecture")) ? here : here.getParent();
  }

  /** The main classes of one module. */
  static synchronized JavaClasses of(String module) {
    return CACHE.computeIfAbsent(
        module,
        m -> {
          Path classes = root().resolve(DIRECTORIES.get(m)).resolve("target/classes");
          if (!Files.isDirectory(classes)) {
            throw new IllegalStateException(
                m + " is not compiled (" + classes + "): run the build from the root");
          }
          return new ClassFileImporter()
              .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
              .importPath(classes);
        });
  }

  private static final Map<List<String>, JavaClasses> ALL_BUT = new LinkedHashMap<>();

  /** The main classes of every module but {@code except}. */
  static synchronized JavaClasses allBut(List<String> except) {
    return ALL_BUT.computeIfAbsent(List.copyOf(except), Modules::importAllBut);
  }

  private static JavaClasses importAllBut(List<String> except) {
    ClassFileImporter importer =
        new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS);
    List<Path> paths =
        DIRECTORIES.entrySet().stream()
            .filter(e -> !except.contains(e.getKey()))
            .map(e -> root().resolve(e.getValue()).resolve("target/classes"))
            .filter(Files::isDirectory)
            .toList();
    return importer.importPaths(paths);
  }
}
