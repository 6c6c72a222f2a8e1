package dev.croupier.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The context map in {@code architecture/CONTEXT-MAP.md} is generated from the Maven module graph
 * (every module's {@code pom.xml}: its non-test dependencies on other modules) and from the schema
 * owners that {@link ArchitectureTest} enforces over the compiled classes. The build fails when the
 * committed file differs from the graph, or when a module of the reactor belongs to no context;
 * rewrite it with {@value #UPDATE}.
 */
class ContextMapTest {
  static final String UPDATE =
      "./mvnw -pl architecture -am test -Dtest=ContextMapTest -Dcroupier.write-docs=true"
          + " -Dsurefire.failIfNoSpecifiedTests=false";
  private static final String GROUP = "dev.croupier";

  /** The bounded contexts of DESIGN.md and the modules each is made of, in the README's order. */
  static final Map<String, List<String>> CONTEXTS = new LinkedHashMap<>();

  static {
    CONTEXTS.put("Identity and player gateway", List.of("api-gateway", "identity-api"));
    CONTEXTS.put("Wallet", List.of("wallet-ledger-api", "wallet-ledger"));
    CONTEXTS.put(
        "Game sessions and tables",
        List.of(
            "game-plugins-api",
            "game-plugins-slots",
            "game-plugins-poker",
            "workflows",
            "workflow-client",
            "activities",
            "game-store",
            "workers"));
    CONTEXTS.put("Realtime", List.of("realtime"));
    // Admin writes the live flags; feature-flags is their record and the reader other nodes run.
    // The evidence verifier is compliance's offline half of admin's bundles.
    CONTEXTS.put("Admin", List.of("admin", "feature-flags", "evidence-verifier"));
    CONTEXTS.put("Operations: metrics, health, traces, alerts", List.of("observability", "ops"));
    CONTEXTS.put("Shared kernel", List.of("errors", "db", "outbox"));
    CONTEXTS.put(
        "Tooling: dev stack, tests, benchmarks",
        List.of("devstack", "launcher", "test-support", "bench", "topology", "architecture"));
  }

  @Test
  void committedContextMapIsTheModuleGraph() throws Exception {
    Map<String, Module> modules = reactor();
    Set<String> placed = new TreeSet<>();
    CONTEXTS.values().forEach(placed::addAll);
    assertThat(placed)
        .as("every module of the reactor is in exactly one context of ContextMapTest.CONTEXTS")
        .isEqualTo(new TreeSet<>(modules.keySet()));
    assertThat(CONTEXTS.values().stream().mapToInt(List::size).sum()).isEqualTo(placed.size());
    Set<String> checked = new TreeSet<>(modules.keySet());
    checked.remove("architecture");
    // No Java code to check: alert rules and dashboards, which promtool checks in ops' own tests.
    checked.remove("ops");
    assertThat(new TreeSet<>(Modules.DIRECTORIES.keySet()))
        .as("the ArchUnit rules read every module: Modules.DIRECTORIES lists the reactor")
        .isEqualTo(checked);

    String generated = render(modules);
    Path file = Modules.root().resolve("architecture/CONTEXT-MAP.md");
    if (Boolean.getBoolean("croupier.write-docs")) {
      Files.writeString(file, generated, StandardCharsets.UTF_8);
    }
    String committed = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    assertThat(committed)
        .as("architecture/CONTEXT-MAP.md is not the module graph; rewrite it with: %s", UPDATE)
        .isEqualTo(generated);
    // The map is about the real graph: the gateway drives game sessions and calls the wallet.
    assertThat(modules.get("api-gateway").dependsOn)
        .containsKeys("workflow-client", "wallet-ledger-api");
  }

  /** A module: its directory and what it depends on (module name to how). */
  record Module(String name, String directory, Map<String, String> dependsOn) {}

  /** Every jar module of the build, read from the poms, starting at the root's {@code modules}. */
  static Map<String, Module> reactor() throws Exception {
    Map<String, Module> modules = new TreeMap<>();
    collect(Modules.root(), "", modules);
    return modules;
  }

  private static void collect(Path root, String dir, Map<String, Module> into) throws Exception {
    Element pom = parse(root.resolve(dir).resolve("pom.xml"));
    String packaging = text(pom, "packaging", "jar");
    if (packaging.equals("pom")) {
      for (Element m : children(child(pom, "modules"), "module")) {
        collect(root, dir.isEmpty() ? m.getTextContent() : dir + "/" + m.getTextContent(), into);
      }
      return;
    }
    Map<String, String> deps = new TreeMap<>();
    for (Element d : children(child(pom, "dependencies"), "dependency")) {
      String group = text(d, "groupId", "");
      String scope = text(d, "scope", "compile");
      if (!(group.equals(GROUP) || group.equals("${project.groupId}")) || scope.equals("test")) {
        continue;
      }
      // The launcher names the apps as type pom, only to be built after them: it runs them.
      String how = text(d, "type", "jar").equals("pom") ? "runs" : scope;
      deps.put(text(d, "artifactId", ""), how);
    }
    String name = text(pom, "artifactId", dir);
    into.put(name, new Module(name, dir, deps));
  }

  static String render(Map<String, Module> modules) {
    Map<String, String> contextOf = new LinkedHashMap<>();
    CONTEXTS.forEach((context, names) -> names.forEach(n -> contextOf.put(n, context)));
    Map<String, List<String>> schemas = new TreeMap<>(ArchitectureTest.SCHEMA_OWNERS);

    StringBuilder out = new StringBuilder();
    out.append("# Context map\n\n")
        .append("Generated by `ContextMapTest` from the Maven module graph (each module's ")
        .append("`pom.xml`: its dependencies on other modules, test scope left out) and from the ")
        .append("schema owners that the ArchUnit rules enforce; do not edit by hand. The build ")
        .append("fails when it is out of date, or when a new module belongs to no context. To ")
        .append("rewrite it:\n\n```\n")
        .append(UPDATE)
        .append("\n```\n\n")
        .append("The tables of each schema are in the [ER diagram](../db/ER.md).\n\n");

    out.append(
        "## Contexts\n\n| Context | Modules | Owns schema | Depends on |\n|---|---|---|---|\n");
    for (Map.Entry<String, List<String>> c : CONTEXTS.entrySet()) {
      Set<String> owned = new TreeSet<>();
      Set<String> uses = new TreeSet<>();
      for (String m : c.getValue()) {
        schemas.getOrDefault(m, List.of()).forEach(owned::add);
        for (String dep : modules.get(m).dependsOn.keySet()) {
          String other = contextOf.get(dep);
          if (other != null && !other.equals(c.getKey())) {
            uses.add(other);
          }
        }
      }
      out.append("| ")
          .append(c.getKey())
          .append(" | ")
          .append(String.join(", ", c.getValue().stream().map(m -> "`" + m + "`").toList()))
          .append(" | ")
          .append(owned.isEmpty() ? "—" : String.join(", ", owned))
          .append(" | ")
          .append(uses.isEmpty() ? "—" : String.join(", ", uses))
          .append(" |\n");
    }

    // Context level: an arrow for each pair of contexts a module dependency crosses, labelled
    // with the modules that are depended on.
    out.append("\n## Between contexts\n\n")
        .append("An arrow from A to B: a module of A depends on the modules of B named on it. ")
        .append("Tooling is left out here; it is in the module graph below.\n\n")
        .append("```mermaid\nflowchart LR\n");
    List<String> contexts = new ArrayList<>(CONTEXTS.keySet());
    String tooling = contexts.get(contexts.size() - 1);
    for (String c : contexts) {
      if (!c.equals(tooling)) {
        out.append("  ").append(contextId(c)).append("[\"").append(c).append("\"]\n");
      }
    }
    Map<String, Set<String>> crossings = new LinkedHashMap<>();
    for (String c : contexts) {
      if (c.equals(tooling)) {
        continue;
      }
      for (String m : CONTEXTS.get(c)) {
        for (String dep : modules.get(m).dependsOn.keySet()) {
          String other = contextOf.get(dep);
          if (other != null && !other.equals(c) && !other.equals(tooling)) {
            crossings.computeIfAbsent(c + "\n" + other, k -> new TreeSet<>()).add(dep);
          }
        }
      }
    }
    crossings.forEach(
        (pair, deps) -> {
          String[] ab = pair.split("\n");
          out.append("  ")
              .append(contextId(ab[0]))
              .append(" -->|")
              .append(String.join(", ", deps))
              .append("| ")
              .append(contextId(ab[1]))
              .append('\n');
        });
    out.append("```\n");

    // Module level: every module in its context, schemas as cylinders, every dependency.
    out.append("\n## Modules\n\n")
        .append("Solid arrows are compile-time dependencies, dotted ones run-time only (the ")
        .append("game plugins, found by `ServiceLoader`), thick ones the apps the launcher runs. ")
        .append("A cylinder is a schema and the module that owns it.\n\n")
        .append("```mermaid\nflowchart TB\n");
    for (Map.Entry<String, List<String>> c : CONTEXTS.entrySet()) {
      out.append("  subgraph ")
          .append(contextId(c.getKey()))
          .append("[\"")
          .append(c.getKey())
          .append("\"]\n");
      for (String m : c.getValue()) {
        out.append("    ").append(moduleId(m)).append("[\"").append(m).append("\"]\n");
        for (String schema : schemas.getOrDefault(m, List.of())) {
          out.append("    ").append("schema_").append(schema).append("[(\"").append(schema);
          out.append("\")]\n");
        }
      }
      out.append("  end\n");
    }
    Set<String> lines = new LinkedHashSet<>();
    for (Module m : modules.values()) {
      for (String schema : schemas.getOrDefault(m.name, List.of())) {
        lines.add("  " + moduleId(m.name) + " --- schema_" + schema);
      }
      m.dependsOn.forEach(
          (dep, how) -> {
            String arrow =
                switch (how) {
                  case "runtime" -> " -.-> ";
                  case "runs" -> " ==> ";
                  default -> " --> ";
                };
            lines.add("  " + moduleId(m.name) + arrow + moduleId(dep));
          });
    }
    lines.forEach(l -> out.append(l).append('\n'));
    out.append("```\n");
    return out.toString();
  }

  private static String contextId(String context) {
    return "ctx_" + context.toLowerCase().replaceAll("[^a-z0-9]+", "_").replaceAll("_+$", "");
  }

  private static String moduleId(String module) {
    return module.replace('-', '_');
  }

  private static Element parse(Path pom) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    Document doc = f.newDocumentBuilder().parse(pom.toFile());
    return doc.getDocumentElement();
  }

  private static Element child(Element parent, String name) {
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && e.getTagName().equals(name)) {
        return e;
      }
    }
    return null;
  }

  private static List<Element> children(Element parent, String name) {
    List<Element> out = new ArrayList<>();
    if (parent == null) {
      return out;
    }
    NodeList nodes = parent.getChildNodes();
    for (int i = 0; i < nodes.getLength(); i++) {
      if (nodes.item(i) instanceof Element e && e.getTagName().equals(name)) {
        out.add(e);
      }
    }
    return out;
  }

  private static String text(Element parent, String name, String otherwise) {
    Element e = child(parent, name);
    return e == null ? otherwise : e.getTextContent().strip();
  }
}
