-- The realtime context gets a schema of its own: its aggregators moved out of the workers into the
-- realtime app, and each schema has one owner. The leaderboards' state (scores, the entries counted
-- and the consumed offsets) moves from schema game, where the projection of sessions lives, to
-- schema realtime, unchanged: same tables, rows, indexes and constraints.
create schema if not exists realtime;

comment on schema realtime is
  'Leaderboards computed from wallet.entries, and other realtime state (realtime).';
comment on schema game is
  'Projection of game sessions and rounds, and the table event outbox (game-store).';

alter table game.leaderboard_scores set schema realtime;
alter table game.leaderboard_counted_entries set schema realtime;
alter table game.leaderboard_offsets set schema realtime;
