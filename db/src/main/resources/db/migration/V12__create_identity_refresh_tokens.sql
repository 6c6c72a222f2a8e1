-- Opaque refresh tokens, stored only as their SHA-256. Every use rotates the token: the used row
-- gets used_at and a child row is issued in the same family. Presenting a used token again means it
-- leaked, so the whole family is revoked (reuse detection). Logout revokes the family too.
create table identity.refresh_tokens (
  token_id     uuid        primary key,
  token_hash   bytea       not null,
  family_id    uuid        not null,
  parent_id    uuid        references identity.refresh_tokens (token_id),
  user_id      uuid        not null references identity.users (user_id),
  device_id    text        not null,
  issued_at    timestamptz not null,
  expires_at   timestamptz not null,
  used_at      timestamptz,
  revoked_at   timestamptz,
  revoke_reason text,
  constraint refresh_tokens_hash_key unique (token_hash),
  constraint refresh_tokens_hash_length check (octet_length(token_hash) = 32),
  constraint refresh_tokens_revoke_reason_known
    check (revoke_reason is null or revoke_reason in ('LOGOUT', 'REUSE_DETECTED', 'ACCOUNT_DISABLED'))
);

create index refresh_tokens_family_idx on identity.refresh_tokens (family_id);
create index refresh_tokens_user_idx on identity.refresh_tokens (user_id);

comment on table identity.refresh_tokens is 'Rotating refresh tokens (hashed) grouped in families for reuse detection.';
