-- A table's events are its evidence: poker hand recall rebuilds each hand from them, long after
-- the relay published them to table.events. The relay therefore marks a row published instead of
-- deleting it, and looks only at the rows not yet published (the partial index keeps that scan as
-- small as the backlog). Rows are append-only; a table's rows are read by (table_id, seq).
alter table game.table_event_outbox add column published_at timestamptz;

create index table_event_outbox_unpublished on game.table_event_outbox (id)
  where published_at is null;

comment on column game.table_event_outbox.published_at is
  'When the relay had the record acknowledged by Kafka; null while it waits. Kept as evidence.';
