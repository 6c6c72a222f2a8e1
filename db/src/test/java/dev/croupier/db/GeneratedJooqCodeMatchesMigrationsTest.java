package dev.croupier.db;

import static org.assertj.core.api.Assertions.assertThat;

import dev.croupier.testsupport.PostgresDatabase;
import dev.croupier.testsupport.PostgresExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The committed jOOQ classes must be exactly what the migrations produce, so the two never drift
 * apart unseen. After changing a migration, regenerate with {@code ./mvnw -pl db -am test
 * -Dtest=GeneratedJooqCodeMatchesMigrationsTest -Dcroupier.jooq.update=true
 * -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@ExtendWith(PostgresExtension.class)
class GeneratedJooqCodeMatchesMigrationsTest {
  private static final Path COMMITTED =
      Path.of("src/main/java").resolve(JooqCodegen.PACKAGE.replace('.', '/'));

  @Test
  void committedJooqCodeEqualsCodeGeneratedFromTheMigratedSchema(PostgresDatabase db)
      throws Exception {
    Path generatedRoot = Path.of("target/jooq-check");
    JooqCodegen.generate(db, generatedRoot);
    Path generated = generatedRoot.resolve(JooqCodegen.PACKAGE.replace('.', '/'));

    if (Boolean.getBoolean("croupier.jooq.update")) {
      JooqCodegen.generate(db, Path.of("src/main/java"));
    }
    assertThat(read(COMMITTED))
        .as("jOOQ code in %s is stale; regenerate it (see this test's Javadoc)", COMMITTED)
        .isEqualTo(read(generated));
    assertThat(read(generated)).containsKey("public_/tables/FlywaySchemaHistory.java");
  }

  private static Map<String, String> read(Path root) throws IOException {
    Map<String, String> files = new TreeMap<>();
    if (!Files.isDirectory(root)) {
      return files;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.filter(Files::isRegularFile).toList()) {
        files.put(root.relativize(p).toString(), Files.readString(p));
      }
    }
    return files;
  }
}
