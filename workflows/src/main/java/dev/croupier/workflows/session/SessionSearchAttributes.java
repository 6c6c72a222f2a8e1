package dev.croupier.workflows.session;

import io.temporal.common.SearchAttributeKey;

/**
 * The custom search attributes a session sets, so that ops find a player's sessions in the Web UI
 * with {@code CroupierUserId="<id>"}. All are Keywords, registered with the namespace.
 */
public final class SessionSearchAttributes {
  public static final SearchAttributeKey<String> USER_ID =
      SearchAttributeKey.forKeyword("CroupierUserId");
  public static final SearchAttributeKey<String> GAME_ID =
      SearchAttributeKey.forKeyword("CroupierGameId");
  public static final SearchAttributeKey<String> STATUS =
      SearchAttributeKey.forKeyword("CroupierSessionStatus");

  private SessionSearchAttributes() {}
}
