-- Leaderboards, computed by the workers' realtime aggregator from the Kafka topic wallet.entries
-- (not from the wallet's tables: the game context reads the wallet only through its API and
-- events). One consumer batch is one transaction over all three tables: the entries it counts,
-- the scores they change and the offsets it consumed, so a restart resumes exactly after the last
-- committed batch, and an entry delivered twice (the wallet's relay is at least once) is counted
-- once.

-- One row per player, board and period: the running total or the running maximum.
create table game.leaderboard_scores (
  board        varchar(16) not null,
  period       varchar(8)  not null,
  -- UTC: the day, the Monday of the ISO week, or 1970-01-01 for all-time.
  period_start date        not null,
  currency     varchar(8)  not null,
  user_id      uuid        not null,
  value        bigint      not null,
  updated_at   timestamptz not null default now(),
  primary key (board, period, period_start, currency, user_id),
  constraint leaderboard_scores_board_known check (board in ('biggest-win', 'total-wagered')),
  constraint leaderboard_scores_period_known check (period in ('daily', 'weekly', 'all-time')),
  constraint leaderboard_scores_value_positive check (value > 0)
);

-- The top-N read and the rank count walk this index.
create index leaderboard_scores_rank
  on game.leaderboard_scores (board, period, period_start, currency, value desc, user_id);

-- Wallet entry IDs already counted: the deduplication that makes a redelivered entry a no-op.
create table game.leaderboard_counted_entries (
  entry_id   bigint      primary key,
  counted_at timestamptz not null default now()
);

-- Where the consumer resumes: the next offset of each partition, written with the batch.
create table game.leaderboard_offsets (
  topic       varchar(249) not null,
  partition   integer      not null,
  next_offset bigint       not null,
  primary key (topic, partition),
  constraint leaderboard_offsets_non_negative check (partition >= 0 and next_offset >= 0)
);

comment on table game.leaderboard_scores is 'Leaderboard scores per board, period, currency and player, from wallet.entries.';
comment on table game.leaderboard_counted_entries is 'Wallet entries already counted on the leaderboards (deduplication by entry ID).';
comment on table game.leaderboard_offsets is 'wallet.entries offsets consumed by the leaderboards, committed with the scores.';
