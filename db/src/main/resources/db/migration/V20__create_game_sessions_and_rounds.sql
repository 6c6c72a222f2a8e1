-- The projection of game sessions and their rounds, written by the session workflow's activities.
-- Temporal's history is the source of truth; these tables serve listings and game recall without
-- scanning Temporal. Every write is an idempotent upsert keyed by session_id or (session_id, round).
create table game.sessions (
  session_id           uuid        primary key,
  user_id              uuid        not null,
  game_id              varchar(64) not null,
  game_version         varchar(16) not null,
  currency             varchar(8)  not null,
  status               varchar(16) not null,
  -- SHA-256 of the server seed, shown to the player before the first round.
  commitment           char(64)    not null,
  -- The client seed the session started with; each round records the one it used.
  client_seed          varchar(64) not null,
  -- Revealed when the session closes, never before.
  revealed_server_seed char(64),
  opened_at            timestamptz not null,
  closed_at            timestamptz,
  rounds_played        bigint      not null default 0,
  total_staked         bigint      not null default 0,
  total_won            bigint      not null default 0,
  constraint sessions_status_known check (status in ('OPEN', 'CLOSED', 'CLOSED_IDLE')),
  constraint sessions_seed_revealed_when_closed
    check ((status = 'OPEN') = (revealed_server_seed is null and closed_at is null)),
  constraint sessions_totals_non_negative
    check (rounds_played >= 0 and total_staked >= 0 and total_won >= 0)
);

create index sessions_user_opened on game.sessions (user_id, opened_at desc);

create table game.rounds (
  session_id            uuid         not null references game.sessions (session_id),
  round                 bigint       not null,
  -- Denormalised from the session, for "the last games of this player".
  user_id               uuid         not null,
  -- The client's message id of the bet (an auto-spin shares one across its rounds).
  request_id            varchar(128) not null,
  stake                 bigint       not null,
  currency              varchar(8)   not null,
  -- The plugin's outcome as the player saw it (reel stops, line wins, free spins ...).
  outcome               jsonb        not null,
  total_win             bigint       not null,
  jackpot_contribution  bigint       not null default 0,
  -- Recorded here; the pool itself is paid by the jackpot service.
  jackpot_hit           boolean      not null,
  -- RNG proof: draws are HMAC-SHA256(server seed, client_seed:nonce:cursor).
  nonce                 bigint       not null,
  client_seed           varchar(64)  not null,
  ledger_key            varchar(255) not null,
  ledger_transaction_id bigint       not null,
  balance_after         bigint       not null,
  played_at             timestamptz  not null,
  recorded_at           timestamptz  not null default now(),
  primary key (session_id, round),
  constraint rounds_round_positive check (round >= 1 and nonce = round),
  constraint rounds_amounts check (stake > 0 and total_win >= 0 and jackpot_contribution >= 0),
  constraint rounds_ledger_key unique (ledger_key)
);

create index rounds_user_played on game.rounds (user_id, played_at desc, session_id, round);

comment on table game.sessions is 'Projection of game session workflows (session-<session_id>).';
comment on table game.rounds is 'Projection of played rounds: inputs, RNG proof, outcome and ledger post.';
