package dev.croupier.db;

import dev.croupier.testsupport.PostgresDatabase;
import java.nio.file.Path;
import org.jooq.codegen.GenerationTool;
import org.jooq.meta.jaxb.Configuration;
import org.jooq.meta.jaxb.Database;
import org.jooq.meta.jaxb.Generate;
import org.jooq.meta.jaxb.Generator;
import org.jooq.meta.jaxb.Jdbc;
import org.jooq.meta.jaxb.Logging;
import org.jooq.meta.jaxb.SchemaMappingType;
import org.jooq.meta.jaxb.Target;

/**
 * Generates jOOQ classes from a migrated database, the way jOOQ/demo does: migrate, then generate.
 */
final class JooqCodegen {
  static final String PACKAGE = "dev.croupier.db.jooq";

  /** Public holds Flyway's schema version table, which ops read to see what is migrated. */
  static final String[] SCHEMAS = {"public", "identity", "wallet", "game", "realtime", "admin"};

  private JooqCodegen() {}

  static void generate(PostgresDatabase db, Path sourceRoot) throws Exception {
    Database database =
        new Database()
            .withName("org.jooq.meta.postgres.PostgresDatabase")
            .withIncludes(".*")
            // No code calls a database function; pg_trgm's would be 31 classes of noise.
            .withIncludeRoutines(false);
    for (String schema : SCHEMAS) {
      database.getSchemata().add(new SchemaMappingType().withInputSchema(schema));
    }
    Configuration configuration =
        new Configuration()
            .withLogging(Logging.WARN)
            .withJdbc(
                new Jdbc()
                    .withDriver("org.postgresql.Driver")
                    .withUrl(db.url())
                    .withUser(db.user())
                    .withPassword(db.password()))
            .withGenerator(
                new Generator()
                    .withName("org.jooq.codegen.JavaGenerator")
                    .withDatabase(database)
                    .withGenerate(
                        new Generate()
                            .withGeneratedAnnotation(false)
                            .withComments(true)
                            .withJavaTimeTypes(true)
                            .withRecords(true)
                            .withPojos(false)
                            .withDaos(false)
                            .withFluentSetters(true))
                    .withTarget(
                        new Target()
                            .withPackageName(PACKAGE)
                            .withDirectory(sourceRoot.toString())
                            .withClean(true)));
    GenerationTool.generate(configuration);
  }
}
