-- Accounts and their balances. An account is what callers address; its money lives in one or
-- more sub-accounts (rows of wallet.balance). Player accounts have one. The house has many, so
-- that concurrent bets lock different rows instead of queueing on one hot row; the house's
-- balance is the sum of its sub-accounts.
create table wallet.account (
  id             bigint generated always as identity primary key,
  -- The user for PLAYER, the table for TABLE_ESCROW; null for house, jackpot and promo accounts.
  owner_id       uuid,
  currency       varchar(8)  not null references wallet.currency (code),
  type           varchar(16) not null
                 check (type in ('PLAYER', 'HOUSE', 'JACKPOT_POOL', 'TABLE_ESCROW', 'PROMO')),
  sub_accounts   smallint    not null default 1 check (sub_accounts between 1 and 256),
  allow_negative boolean     not null default false,
  created_at     timestamptz not null default now(),
  constraint account_player_never_negative check (type <> 'PLAYER' or not allow_negative),
  constraint account_player_has_owner check (type <> 'PLAYER' or owner_id is not null),
  constraint account_player_one_sub_account check (type <> 'PLAYER' or sub_accounts = 1),
  -- Targets of the composite foreign key from wallet.balance.
  constraint account_id_currency_negative unique (id, currency, allow_negative)
);

-- OpenAccount is idempotent per (owner, currency, type); system accounts have no owner.
create unique index account_owner_currency_type
  on wallet.account (owner_id, currency, type) nulls not distinct;

create table wallet.balance (
  account_id     bigint      not null,
  shard          smallint    not null check (shard >= 0),
  currency       varchar(8)  not null,
  allow_negative boolean     not null,
  -- Current balance of this sub-account: the sum of its entries, and the balance_after of its
  -- latest entry. Updated in the same transaction that appends the entries.
  balance        bigint      not null default 0,
  primary key (account_id, shard),
  constraint balance_floor check (allow_negative or balance >= 0),
  constraint balance_account
    foreign key (account_id, currency, allow_negative)
    references wallet.account (id, currency, allow_negative),
  -- Target of the foreign key from wallet.entry, which so also pins the entry's currency.
  constraint balance_id_shard_currency unique (account_id, shard, currency)
) with (fillfactor = 50); -- leaves room for HOT updates of the hot house rows

comment on table wallet.account is 'Ledger accounts; money lives in their sub-accounts (wallet.balance).';
comment on table wallet.balance is 'Sub-accounts: the balance that entries move. Players have one, the house many.';

-- The system accounts every currency needs. The house has 16 sub-accounts (see wallet-ledger's
-- README: the posting engine gives each committer thread its own subset of them).
insert into wallet.account (owner_id, currency, type, sub_accounts, allow_negative)
select null, c.code, t.type, t.subs, t.neg
from wallet.currency c
cross join (values ('HOUSE', 16, true), ('PROMO', 1, true), ('JACKPOT_POOL', 1, false))
  as t (type, subs, neg)
order by c.code, t.type;

insert into wallet.balance (account_id, shard, currency, allow_negative)
select a.id, s.shard, a.currency, a.allow_negative
from wallet.account a
cross join lateral generate_series(0, a.sub_accounts - 1) as s (shard);
