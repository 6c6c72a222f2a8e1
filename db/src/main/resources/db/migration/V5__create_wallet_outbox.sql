-- The transactional outbox for wallet.entries: one row per entry, written in the same database
-- transaction as the entry. The relay publishes the entry (read from wallet.entry and
-- wallet.transaction, which are immutable) and deletes the row once Kafka has acknowledged it.
-- The outbox is a queue, not the ledger, so deleting from it is fine.
create table wallet.outbox (
  id         bigint generated always as identity primary key,
  entry_id   bigint not null,
  -- The record key: entries of one account stay in order on one partition.
  account_id bigint not null
);

comment on table wallet.outbox is 'Entries not yet acknowledged by Kafka (topic wallet.entries).';
