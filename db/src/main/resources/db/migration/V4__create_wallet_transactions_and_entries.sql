-- The ledger proper: transactions and their entries. Both are append-only; a correction is a new
-- REVERSAL transaction that points to the one it reverses.
create table wallet.transaction (
  id              bigint generated always as identity primary key,
  idempotency_key varchar(255) not null,
  -- SHA-256 of the canonical request; a replay with another hash is an IDEMPOTENCY_CONFLICT.
  request_hash    bytea        not null check (octet_length(request_hash) = 32),
  kind            varchar(32)  not null check (kind in ('BET', 'WIN', 'BET_AND_WIN', 'BUY_IN',
                    'CASH_OUT', 'RAKE', 'JACKPOT_CONTRIBUTION', 'JACKPOT_WIN', 'GRANT',
                    'ADJUSTMENT', 'REFUND', 'REVERSAL')),
  session_id      varchar(64),
  round           bigint,
  table_id        varchar(64),
  metadata        jsonb,
  -- A transaction is reversed at most once, and only by a REVERSAL.
  reverses_id     bigint       unique references wallet.transaction (id),
  created_at      timestamptz  not null default now(),
  constraint transaction_idempotency_key unique (idempotency_key),
  constraint transaction_reversal_points_back check ((kind = 'REVERSAL') = (reverses_id is not null))
);

create index transaction_session on wallet.transaction (session_id, round) where session_id is not null;
create index transaction_table on wallet.transaction (table_id) where table_id is not null;

create table wallet.entry (
  id             bigint generated always as identity primary key,
  transaction_id bigint      not null references wallet.transaction (id),
  -- Position of the leg in its request.
  leg            smallint    not null check (leg >= 0),
  account_id     bigint      not null,
  shard          smallint    not null,
  currency       varchar(8)  not null,
  amount         bigint      not null check (amount <> 0),
  -- The sub-account's balance right after this entry.
  balance_after  bigint      not null,
  created_at     timestamptz not null default now(),
  constraint entry_transaction_leg unique (transaction_id, leg),
  constraint entry_sub_account
    foreign key (account_id, shard, currency)
    references wallet.balance (account_id, shard, currency)
);

create index entry_account on wallet.entry (account_id, id);

comment on table wallet.transaction is 'Append-only; one per idempotency key.';
comment on table wallet.entry is 'Append-only signed amounts; each transaction sums to zero per currency.';

-- Nothing in the ledger is ever updated or deleted.
create function wallet.reject_ledger_change() returns trigger
language plpgsql as $$
begin
  raise exception 'wallet.% is append-only: % is not allowed', tg_table_name, tg_op
    using errcode = 'restrict_violation';
end
$$;

create trigger transaction_append_only before update or delete on wallet.transaction
  for each row execute function wallet.reject_ledger_change();
create trigger transaction_no_truncate before truncate on wallet.transaction
  for each statement execute function wallet.reject_ledger_change();
create trigger entry_append_only before update or delete on wallet.entry
  for each row execute function wallet.reject_ledger_change();
create trigger entry_no_truncate before truncate on wallet.entry
  for each statement execute function wallet.reject_ledger_change();

-- Double entry, enforced at commit: every transaction touched by an inserted entry must sum to
-- zero per currency once all statements of the database transaction have run. No code path, and
-- no hand-written SQL, can commit an unbalanced transaction.
create function wallet.check_transaction_balanced() returns trigger
language plpgsql as $$
declare
  unbalanced record;
begin
  select e.currency, sum(e.amount) as total into unbalanced
  from wallet.entry e
  where e.transaction_id = new.transaction_id
  group by e.currency
  having sum(e.amount) <> 0
  limit 1;
  if found then
    raise exception 'wallet transaction % does not balance in %: sum is %',
      new.transaction_id, unbalanced.currency, unbalanced.total
      using errcode = 'check_violation', constraint = 'entry_transaction_balanced';
  end if;
  return null;
end
$$;

create constraint trigger entry_transaction_balanced after insert on wallet.entry
  deferrable initially deferred
  for each row execute function wallet.check_transaction_balanced();
