package dev.croupier.gateway.identity;

/** What a rate limit guards. Each action has its own buckets and limits. */
public enum RateLimitAction {
  LOGIN,
  REGISTER,
  REFRESH,
  /** One inbound WebSocket message; used by the WebSocket gateway. */
  WS_MESSAGE,
  /** One lobby chat message, on top of {@link #WS_MESSAGE}. */
  CHAT
}
