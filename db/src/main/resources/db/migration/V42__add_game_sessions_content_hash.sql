-- The content hash of the certified game version a session plays (GameDescriptor.contentHash):
-- what recall and compliance show beside the game id and version. Null for sessions opened before
-- versions were pinned.
alter table game.sessions
  add column game_content_hash text
    check (game_content_hash is null or game_content_hash ~ '^[0-9a-f]{64}$');

comment on column game.sessions.game_content_hash is
  'SHA-256 of what was certified for game_id@game_version; the session refuses to play on with another';
