-- Audit of sign-ins, kept for the New Jersey online-gaming rules: every success, failure and lockout
-- with its time and the client's IP address. Append-only.
create table identity.login_events (
  event_id     bigint      generated always as identity primary key,
  user_id      uuid        references identity.users (user_id),
  occurred_at  timestamptz not null default now(),
  -- Text rather than inet keeps the generated jOOQ type a String; the check still demands an IP.
  ip           text        not null,
  method       text        not null,
  outcome      text        not null,
  constraint login_events_ip_valid check (ip::inet is not null),
  constraint login_events_method_known check (method in ('PASSWORD', 'OIDC')),
  -- LOCKED: this failure locked the account; REJECTED_LOCKED: an attempt while it was locked.
  constraint login_events_outcome_known
    check (outcome in ('SUCCESS', 'FAILURE', 'LOCKED', 'REJECTED_LOCKED'))
);

create index login_events_user_time_idx on identity.login_events (user_id, occurred_at desc);

comment on table identity.login_events is 'Append-only sign-in audit: successes, failures and lockouts with time and IP.';
