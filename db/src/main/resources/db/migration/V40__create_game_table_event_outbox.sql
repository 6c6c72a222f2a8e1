-- The outbox of poker table events, written by the table workflow's activities and published by
-- the workers' relay: table events to table.events, lobby entries to lobby.tables, both keyed by
-- table id. A row is written once per (table_id, seq): an activity retried after a crash or a
-- replayed workflow task inserts nothing new. The relay deletes a row once Kafka has acknowledged
-- it; consumers deduplicate by (table_id, seq), which the record carries.
create table game.table_event_outbox (
  id           bigint generated always as identity primary key,
  table_id     uuid         not null,
  seq          bigint       not null,
  topic        varchar(64)  not null,
  type         varchar(32)  not null,
  hand_number  bigint       not null,
  -- The record value as JSON text; null for a lobby tombstone (the table is gone).
  payload      text,
  created_at   timestamptz  not null default now(),
  constraint table_event_outbox_event unique (table_id, seq),
  constraint table_event_outbox_seq_positive check (seq > 0)
);
