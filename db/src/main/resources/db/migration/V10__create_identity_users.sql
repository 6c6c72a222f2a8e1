-- Croupier players. The email is stored normalised (trimmed, lower case, IDN domain as ASCII) and
-- is unique in that form, so two spellings of one address can never make two users.
create table identity.users (
  user_id             uuid        primary key,
  email               text        not null,
  display_name        text        not null,
  -- Argon2id or bcrypt in the encoder's self-describing format; null for users who only sign in
  -- through an external OIDC provider.
  password_hash       text,
  roles               text[]      not null default array['PLAYER'],
  status              text        not null default 'ACTIVE',
  -- Consecutive failed password logins; reset by a success and when a lockout expires.
  failed_logins       integer     not null default 0,
  locked_until        timestamptz,
  -- Set once the wallet has opened the COIN account and posted the welcome grant. Null means the
  -- grant is still owed and is retried (idempotently) at the next login.
  wallet_ready_at     timestamptz,
  created_at          timestamptz not null default now(),
  updated_at          timestamptz not null default now(),
  constraint users_email_key unique (email),
  constraint users_email_normalised check (email = lower(btrim(email)) and length(email) between 3 and 254),
  constraint users_display_name_length check (char_length(display_name) between 3 and 32),
  constraint users_status_known check (status in ('ACTIVE', 'DISABLED')),
  constraint users_failed_logins_non_negative check (failed_logins >= 0)
);

comment on table identity.users is 'Players: credentials, roles, lockout state and whether the welcome grant is done.';
comment on column identity.users.email is 'Normalised email: trimmed, lower case, IDN domain in ASCII (punycode).';
