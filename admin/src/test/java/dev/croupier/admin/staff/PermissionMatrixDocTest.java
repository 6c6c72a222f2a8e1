package dev.croupier.admin.staff;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The permission table in {@code admin/README.md} is generated from {@link Permission}; after a
 * change, {@code -Dcroupier.write-docs=true} rewrites it.
 */
class PermissionMatrixDocTest {
  private static final Path README = Path.of("README.md");
  private static final String BEGIN = "<!-- permissions:begin -->\n";
  private static final String END = "<!-- permissions:end -->";

  @Test
  void theReadmesPermissionTableIsTheCodes() throws Exception {
    String readme = Files.readString(README);
    int from = readme.indexOf(BEGIN) + BEGIN.length();
    int to = readme.indexOf(END);
    assertThat(from).isGreaterThan(BEGIN.length() - 1);
    String table = table();
    if (Boolean.getBoolean("croupier.write-docs")) {
      Files.writeString(README, readme.substring(0, from) + table + readme.substring(to));
      readme = Files.readString(README);
      to = readme.indexOf(END);
    }
    assertThat(readme.substring(from, to))
        .as("admin/README.md's permission table is stale: run with -Dcroupier.write-docs=true")
        .isEqualTo(table);
  }

  private static String table() {
    StringBuilder b = new StringBuilder("| Permission |");
    for (Role r : Role.values()) {
      b.append(' ').append(r).append(" |");
    }
    b.append("\n|---|");
    b.append("---|".repeat(Role.values().length)).append('\n');
    for (Permission p : Permission.values()) {
      b.append("| ").append(p.description()).append(" |");
      for (Role r : Role.values()) {
        b.append(p.grantedTo(r) ? " ✓ |" : " — |");
      }
      b.append('\n');
    }
    return b.toString();
  }
}
