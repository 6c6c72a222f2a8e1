package dev.croupier.admin;

import dev.croupier.admin.audit.Actor;
import dev.croupier.admin.audit.AuditLog;
import dev.croupier.admin.staff.Staff;
import dev.croupier.errors.CroupierException;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.Set;
import java.util.UUID;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The admin app's commands, run against the same database and keys as the app:
 *
 * <ul>
 *   <li>{@code bootstrap-admin --email=<email> --name=<name>}: creates the first ADMIN, once (it
 *       refuses when any staff exist). It reads the password twice from the terminal (or two lines
 *       of standard input), then prints the TOTP enrolment (a QR code, the {@code otpauth://} URI
 *       and the secret) and ten recovery codes, which are shown only this once.
 *   <li>{@code verify-audit}: recomputes the audit log's hash chain and names the first row that
 *       does not fit; exit status 0 when intact, 2 when broken.
 * </ul>
 *
 * Exit status 1 for bad usage or a refusal, with one line that says why.
 */
public final class AdminCommands {
  private static final Set<String> COMMANDS = Set.of("bootstrap-admin", "verify-audit");

  private AdminCommands() {}

  static boolean isCommand(String name) {
    return COMMANDS.contains(name);
  }

  /** Runs {@code args[0]} with the rest as options; returns the exit status. */
  public static int run(String[] args, BufferedReader in, PrintStream out) {
    String command = args[0];
    String[] rest = Arrays.copyOfRange(args, 1, args.length);
    // The terminal shows the command's answer, not the app's start-up chatter.
    System.setProperty("org.jooq.no-logo", "true");
    System.setProperty("org.jooq.no-tips", "true");
    try (ConfigurableApplicationContext context =
        new SpringApplicationBuilder(AdminApplication.class)
            .web(WebApplicationType.NONE)
            .properties(
                "croupier.admin.command-mode=true",
                "spring.main.banner-mode=off",
                "spring.main.log-startup-info=false",
                "logging.level.root=warn")
            .run(rest)) {
      return switch (command) {
        case "bootstrap-admin" -> bootstrap(context, rest, in, out);
        case "verify-audit" -> verify(context, out);
        default -> usage(out);
      };
    }
  }

  private static int bootstrap(
      ConfigurableApplicationContext context, String[] args, BufferedReader in, PrintStream out) {
    String email = option(args, "email");
    String name = option(args, "name");
    if (email == null || name == null) {
      return usage(out);
    }
    char[] password;
    try {
      password = readPassword(in, out);
    } catch (IOException | IllegalArgumentException e) {
      out.println("croupier admin: " + e.getMessage());
      return 1;
    }
    try {
      Staff.Enrolment e =
          context
              .getBean(Staff.class)
              .bootstrap(
                  email,
                  name,
                  password,
                  new Actor(
                      null, "bootstrap-" + UUID.randomUUID(), "command-line", "bootstrap-admin"));
      out.println();
      out.println(
          "The first ADMIN is " + e.member().email() + ". Scan this with an authenticator app:");
      out.println();
      out.print(e.totpQrForTerminal());
      out.println();
      out.println("  or add it by hand:  " + e.totpUri());
      out.println("  secret:             " + e.totpSecret());
      out.println();
      out.println(
          "Recovery codes (each works once; keep them somewhere safe, they are not shown again):");
      for (String code : e.recoveryCodes()) {
        out.println("  " + code);
      }
      out.println();
      out.println("Sign in at /sign-in with the email, the password and the authenticator's code.");
      return 0;
    } catch (CroupierException e) {
      out.println("croupier admin: " + e.code() + ": " + e.getMessage());
      return 1;
    } finally {
      Arrays.fill(password, '\0');
    }
  }

  private static int verify(ConfigurableApplicationContext context, PrintStream out) {
    AuditLog.Verification v = context.getBean(AuditLog.class).verify();
    if (v.intact()) {
      out.println("audit chain intact: " + v.rows() + " rows");
      return 0;
    }
    out.println("audit chain broken at row " + v.firstBroken().get() + ": " + v.problem());
    return 2;
  }

  private static char[] readPassword(BufferedReader in, PrintStream out) throws IOException {
    Console console = System.console();
    char[] first;
    char[] second;
    if (console != null) {
      first = console.readPassword("Password for the first ADMIN (12 to 128 characters): ");
      second = console.readPassword("Again: ");
    } else {
      String a = in.readLine();
      String b = in.readLine();
      if (a == null || b == null) {
        throw new IllegalArgumentException(
            "give the password twice, one line each, on standard input");
      }
      first = a.toCharArray();
      second = b.toCharArray();
    }
    if (first == null || second == null || !Arrays.equals(first, second)) {
      throw new IllegalArgumentException("the two passwords differ");
    }
    Arrays.fill(second, '\0');
    return first;
  }

  private static String option(String[] args, String name) {
    for (String a : args) {
      if (a.startsWith("--" + name + "=")) {
        return a.substring(name.length() + 3);
      }
    }
    return null;
  }

  private static int usage(PrintStream out) {
    out.println(
        "usage: java -jar admin-exec.jar bootstrap-admin --email=<email> --name=<display name>");
    out.println("       java -jar admin-exec.jar verify-audit");
    return 1;
  }
}
