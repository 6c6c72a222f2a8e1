-- Trace context survives the transactional outbox: each row keeps the W3C traceparent of the
-- change that wrote it (for the wallet, the span of the ledger write; for a table, the activity
-- that appended the events), and the relay publishes the record as a child of it, with its own
-- span's traceparent as a Kafka header. Null when the change was not traced. Each outbox stays
-- with its owner's schema; this migration only adds a column to both.
alter table wallet.outbox add column trace_parent varchar(55);
alter table game.table_event_outbox add column trace_parent varchar(55);

comment on column wallet.outbox.trace_parent is
  'W3C traceparent of the ledger write that made the entry, or null; sent as a Kafka header.';
comment on column game.table_event_outbox.trace_parent is
  'W3C traceparent of the table step that wrote the event, or null; sent as a Kafka header.';
