package dev.croupier.devstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A child process whose output goes to a log file and which is stopped, with all of its
 * descendants, by {@link #close()}: SIGTERM first, SIGKILL after a grace period.
 */
public final class ManagedProcess implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ManagedProcess.class);
  private static final Duration GRACE = Duration.ofSeconds(15);

  private final String name;
  private final Process process;
  private final Path logFile;

  private ManagedProcess(String name, Process process, Path logFile) {
    this.name = name;
    this.process = process;
    this.logFile = logFile;
  }

  public static ManagedProcess start(
      String name, List<String> command, Path workDir, Path logFile, Map<String, String> env) {
    try {
      Files.createDirectories(logFile.getParent());
      ProcessBuilder builder =
          new ProcessBuilder(command)
              .directory(workDir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
      builder.environment().putAll(env);
      Process process = builder.start();
      log.debug("started {} (pid {}): {}", name, process.pid(), command);
      return new ManagedProcess(name, process, logFile);
    } catch (IOException e) {
      throw new DevStackException("Cannot start %s: %s".formatted(name, e.getMessage()), e);
    }
  }

  /** The java executable of this JVM, so child JVMs run on the same JDK. */
  public static String currentJava() {
    return ProcessHandle.current()
        .info()
        .command()
        .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
  }

  public String name() {
    return name;
  }

  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  public Path logFile() {
    return logFile;
  }

  public Process process() {
    return process;
  }

  /** Kills the process and its descendants; the whole tree is gone when this returns. */
  @Override
  public void close() {
    List<ProcessHandle> tree =
        process.toHandle().descendants().collect(java.util.stream.Collectors.toList());
    if (process.isAlive()) {
      process.destroy();
      try {
        if (!process.waitFor(GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
          log.warn("{} ignored SIGTERM for {}s; killing it", name, GRACE.toSeconds());
          process.destroyForcibly().waitFor(GRACE.toMillis(), TimeUnit.MILLISECONDS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        process.destroyForcibly();
      }
    }
    for (ProcessHandle child : tree) {
      if (child.isAlive()) {
        child.destroyForcibly();
      }
    }
  }
}
