-- Gross gaming revenue per currency and hour, counted from wallet.entries by the realtime app in
-- the same transaction as the leaderboards (each entry once, by its id): stakes and wins of players'
-- rounds, rake taken by the house at tables. GGR = stakes - wins + rake.
create table realtime.revenue_hourly (
  currency  text        not null,
  hour      timestamptz not null,
  stakes    bigint      not null default 0,
  wins      bigint      not null default 0,
  rake      bigint      not null default 0,
  rounds    bigint      not null default 0,
  primary key (currency, hour),
  constraint revenue_hourly_on_the_hour check (hour = date_trunc('hour', hour)),
  constraint revenue_hourly_non_negative check (stakes >= 0 and wins >= 0 and rake >= 0 and rounds >= 0)
);

comment on table realtime.revenue_hourly is 'GGR inputs per currency and hour (UTC), counted once per ledger entry.';
