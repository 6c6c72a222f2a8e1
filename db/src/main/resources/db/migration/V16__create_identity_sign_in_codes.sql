-- One-time sign-in codes that end an OIDC (social) login: the browser lands with the code in the
-- URL fragment and trades it for tokens by a POST, so no token ever travels in a URL. Stored as
-- SHA-256; redeemed at most once, by deleting the row; good for a minute.
create table identity.sign_in_codes (
  code_hash  bytea       primary key,
  user_id    uuid        not null references identity.users (user_id),
  expires_at timestamptz not null,
  constraint sign_in_codes_hash_is_sha256 check (octet_length(code_hash) = 32)
);

create index sign_in_codes_expires_idx on identity.sign_in_codes (expires_at);

comment on table identity.sign_in_codes is 'One-time codes (SHA-256) that finish an OIDC login, exchanged by POST for tokens.';
