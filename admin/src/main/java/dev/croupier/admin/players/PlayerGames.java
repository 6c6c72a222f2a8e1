package dev.croupier.admin.players;

import dev.croupier.admin.AdminProperties;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionMetadata;
import io.temporal.common.SearchAttributeKey;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A player's game sessions, as Temporal's visibility lists them by the search attribute {@code
 * CroupierUserId}, newest first, with links into the Temporal Web UI.
 */
final class PlayerGames {

  /**
   * One session.
   *
   * @param game {@code gameId@version}
   * @param status the session's own status ({@code OPEN}, {@code CLOSED} …), else the workflow's
   * @param webUi the session in the Temporal Web UI
   */
  record Session(
      String workflowId,
      String game,
      String status,
      Instant startedAt,
      Optional<Instant> closedAt,
      String webUi) {}

  private final WorkflowClient temporal;
  private final AdminProperties.Temporal settings;

  PlayerGames(WorkflowClient temporal, AdminProperties.Temporal settings) {
    this.temporal = temporal;
    this.settings = settings;
  }

  List<Session> sessions(UUID userId, int limit) {
    return temporal
        .listExecutions("CroupierUserId = '" + userId + "'")
        .limit(limit)
        .map(this::session)
        .toList();
  }

  /** The Temporal Web UI's page of a workflow. */
  String webUi(String workflowId) {
    return settings.webUiUrl()
        + "/namespaces/"
        + URLEncoder.encode(settings.namespace(), StandardCharsets.UTF_8)
        + "/workflows/"
        + URLEncoder.encode(workflowId, StandardCharsets.UTF_8);
  }

  private Session session(WorkflowExecutionMetadata m) {
    String game = keyword(m, "CroupierGameId").orElse("");
    String status =
        keyword(m, "CroupierSessionStatus")
            .orElse(
                m.getStatus() == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING
                    ? "OPEN"
                    : m.getStatus().name().replace("WORKFLOW_EXECUTION_STATUS_", ""));
    String id = m.getExecution().getWorkflowId();
    return new Session(
        id, game, status, m.getStartTime(), Optional.ofNullable(m.getCloseTime()), webUi(id));
  }

  private static Optional<String> keyword(WorkflowExecutionMetadata m, String name) {
    return Optional.ofNullable(
        m.getTypedSearchAttributes().get(SearchAttributeKey.forKeyword(name)));
  }
}
