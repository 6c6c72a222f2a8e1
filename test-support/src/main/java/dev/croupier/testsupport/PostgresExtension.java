package dev.croupier.testsupport;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives each test class a fresh PostgreSQL database with the real Flyway migrations from {@code
 * classpath:db/migration} applied, and drops it afterwards. Inject it as a {@link PostgresDatabase}
 * parameter of a constructor, a {@code @BeforeAll} method or a test method.
 */
public final class PostgresExtension
    implements BeforeAllCallback, AfterAllCallback, ParameterResolver {
  private static final ExtensionContext.Namespace NS =
      ExtensionContext.Namespace.create(PostgresExtension.class);

  @Override
  public void beforeAll(ExtensionContext context) {
    database(context);
  }

  @Override
  public void afterAll(ExtensionContext context) {
    PostgresDatabase db = context.getStore(NS).remove("db", PostgresDatabase.class);
    if (db != null) {
      PostgresServer.get().dropDatabase(db);
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == PostgresDatabase.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return database(context);
  }

  /**
   * A fresh migrated database for tests that JUnit Jupiter extensions do not reach (e.g. jqwik
   * properties). The caller drops it with {@link #dropDatabase}.
   */
  public static PostgresDatabase createDatabase() {
    return PostgresServer.get().createDatabase();
  }

  /** Drops a database made by {@link #createDatabase()}. */
  public static void dropDatabase(PostgresDatabase db) {
    PostgresServer.get().dropDatabase(db);
  }

  private static PostgresDatabase database(ExtensionContext context) {
    ExtensionContext classContext = classContext(context);
    return classContext
        .getStore(NS)
        .computeIfAbsent("db", k -> PostgresServer.get().createDatabase(), PostgresDatabase.class);
  }

  private static ExtensionContext classContext(ExtensionContext context) {
    ExtensionContext c = context;
    while (c.getTestMethod().isPresent() && c.getParent().isPresent()) {
      c = c.getParent().get();
    }
    return c;
  }
}
