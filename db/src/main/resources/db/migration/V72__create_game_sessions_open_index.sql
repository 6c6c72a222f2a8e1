-- The open sessions per game, which the workers report as a gauge every few seconds, read from a
-- partial index that holds only the open ones: closed sessions pile up, open ones do not.
create index sessions_open_by_game on game.sessions (game_id, game_version) where status = 'OPEN';
