package dev.croupier.workers;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where Temporal is and how the session worker runs, under {@code croupier.temporal}.
 *
 * @param target {@code CROUPIER_TEMPORAL_TARGET}, host:port of the frontend
 * @param namespace {@code CROUPIER_TEMPORAL_NAMESPACE}
 * @param taskQueue the session task queue; this default is the only place its name is written
 * @param workflowTaskTimeout how long a workflow task may run; also the stall after a worker crash
 * @param worker worker tuning
 * @param startRetry how the worker's start waits for a Temporal that does not answer yet
 * @param tls TLS to the frontend; all blank (the default) for plaintext, as the dev server speaks
 */
@Validated
@ConfigurationProperties("croupier.temporal")
public record TemporalProperties(
    @NotBlank String target,
    @NotBlank String namespace,
    @NotBlank @DefaultValue(TemporalProperties.DEFAULT_TASK_QUEUE) String taskQueue,
    @NotNull @DefaultValue("10s") Duration workflowTaskTimeout,
    @Valid @NotNull @DefaultValue Worker worker,
    @Valid @NotNull @DefaultValue StartRetry startRetry,
    @NotNull @DefaultValue Tls tls) {

  /** TLS to the Temporal frontend; see {@code dev.croupier.client.TemporalTls}. */
  public record Tls(
      @DefaultValue("") String certificate,
      @DefaultValue("") String privateKey,
      @DefaultValue("") String trustedCa,
      @DefaultValue("") String serverName) {}

  /** The session task queue when none is configured. */
  public static final String DEFAULT_TASK_QUEUE = "game-sessions";

  /**
   * Worker tuning.
   *
   * @param enabled whether this process polls the task queue (false: client and recall only)
   * @param workflowCacheSize sessions kept in memory between their tasks (sticky cache)
   * @param maxWorkflowThreads threads for cached workflows; with virtual threads, only a cap
   * @param virtualThreads run workflow code and task handling on virtual threads (JDK 21+), so a
   *     worker can cache many thousand sessions without as many platform threads
   * @param maxConcurrentWorkflowTasks workflow tasks handled at once
   * @param maxConcurrentLocalActivities plugin, ledger and projection calls at once
   * @param workflowPollers concurrent workflow task polls
   */
  public record Worker(
      @DefaultValue("true") boolean enabled,
      @Min(1) @DefaultValue("10000") int workflowCacheSize,
      @Min(1) @DefaultValue("20000") int maxWorkflowThreads,
      @DefaultValue("true") boolean virtualThreads,
      @Min(2) @DefaultValue("200") int maxConcurrentWorkflowTasks,
      @Min(1) @DefaultValue("200") int maxConcurrentLocalActivities,
      @Min(2) @DefaultValue("8") int workflowPollers) {}

  /**
   * The worker's start when Temporal does not answer: tried at once, then again after {@code
   * first}, the wait doubling up to {@code max}, until it polls.
   *
   * @param first the wait after the first failed try
   * @param max the longest wait between two tries
   */
  public record StartRetry(
      @NotNull @DefaultValue("1s") Duration first, @NotNull @DefaultValue("30s") Duration max) {}
}
