-- Failed password sign-ins per (account, source), for the three-strike rule: repeated failures slow
-- down, then lock, the source that failed (its IP address, and its device when it names one), never
-- the player everywhere. Rows are keyed by a hash of the normalised email, whether or not an account
-- has it, so a known and an unknown email are treated (and answered) alike, and no unknown email is
-- stored in the clear.
create table identity.login_failures (
  email_hash      bytea       not null,
  -- 'ip:<address>' or 'device:<device id>'.
  source          text        not null,
  failures        integer     not null,
  last_failure_at timestamptz not null,
  locked_until    timestamptz,
  primary key (email_hash, source),
  constraint login_failures_hash_is_sha256 check (octet_length(email_hash) = 32),
  constraint login_failures_source_bounded check (length(source) <= 200),
  constraint login_failures_positive check (failures > 0)
);

create index login_failures_last_failure_idx on identity.login_failures (last_failure_at);

comment on table identity.login_failures is 'Failed sign-ins per (email hash, IP or device): the per-source three-strike lockout.';

-- The account-wide lockout is gone: anyone could lock a player out by failing with their email.
alter table identity.users drop constraint users_failed_logins_non_negative;
alter table identity.users drop column failed_logins;
alter table identity.users drop column locked_until;

-- REJECTED_LOCKED now means: an attempt from a source that is locked for this account.
