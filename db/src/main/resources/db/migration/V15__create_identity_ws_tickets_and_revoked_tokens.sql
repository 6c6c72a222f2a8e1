-- One-time WebSocket tickets: a browser cannot put an access token in a header of the upgrade, and
-- a token in the URL ends up in logs, so it trades its token for a ticket by a REST call and offers
-- the ticket as a subprotocol. Stored as SHA-256; redeemed at most once, by deleting the row, on
-- whichever gateway node the upgrade reaches; good for seconds.
create table identity.ws_tickets (
  ticket_hash      bytea       primary key,
  user_id          uuid        not null references identity.users (user_id),
  device_id        text        not null,
  roles            text[]      not null,
  -- The access token that bought the ticket: the socket lives no longer than it did.
  token_id         text        not null,
  token_issued_at  timestamptz not null,
  token_expires_at timestamptz not null,
  expires_at       timestamptz not null,
  constraint ws_tickets_hash_is_sha256 check (octet_length(ticket_hash) = 32)
);

create index ws_tickets_expires_idx on identity.ws_tickets (expires_at);

comment on table identity.ws_tickets is 'One-time WebSocket tickets (SHA-256), redeemed by deleting the row.';

-- Access tokens revoked before they expire (logout): their jti, kept until the token would have
-- expired anyway. Every REST call and WebSocket upgrade checks it.
create table identity.revoked_access_tokens (
  token_id   text        primary key,
  user_id    uuid        not null references identity.users (user_id),
  expires_at timestamptz not null,
  revoked_at timestamptz not null,
  constraint revoked_access_tokens_id_bounded check (length(token_id) <= 200)
);

create index revoked_access_tokens_expires_idx on identity.revoked_access_tokens (expires_at);

comment on table identity.revoked_access_tokens is 'Deny list of access-token ids revoked at logout, kept until each would expire.';
