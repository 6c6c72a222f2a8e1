-- Currencies of the ledger. Amounts everywhere are bigint minor units; scale says how many of the
-- digits are decimals (COIN 2: 1234 is 12.34 coins).
create table wallet.currency (
  code        varchar(8)  primary key check (code ~ '^[A-Z]{3,8}$'),
  kind        varchar(4)  not null check (kind in ('PLAY', 'REAL')),
  scale       smallint    not null check (scale between 0 and 8),
  -- Operational switch per currency. REAL currencies are also off unless the wallet runs with
  -- CROUPIER_REAL_MONEY_ENABLED=true; both must allow a post.
  enabled     boolean     not null default true,
  description text        not null
);

insert into wallet.currency (code, kind, scale, enabled, description) values
  ('COIN', 'PLAY', 2, true, 'Play money.'),
  ('CASH', 'REAL', 2, true, 'Real money; usable only when the real-money switch is on.');

comment on table wallet.currency is 'Currencies; amounts are bigint minor units with this scale.';
