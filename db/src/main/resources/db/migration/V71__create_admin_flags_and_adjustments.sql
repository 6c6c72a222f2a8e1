-- Feature flags that take effect live, and staff balance adjustments with four-eyes approval
-- (admin app).

-- The flags' store. Every change is written here and, in the same transaction, to the flag outbox;
-- the relay publishes it to the compacted topic admin.flags (key: the flag's key), which every
-- gateway and worker node reads from the beginning at start and then follows.
create table admin.feature_flags (
  flag_key     text        primary key,
  description  text        not null,
  owner        text        not null,
  enabled      boolean     not null,
  -- Bumped by every change; readers keep the highest version they have seen of each flag.
  version      bigint      not null default 1,
  updated_at   timestamptz not null default now(),
  updated_by   uuid        references admin.staff (staff_id),
  constraint feature_flags_key_format check (flag_key ~ '^[a-z][a-z0-9-]{1,62}$'),
  constraint feature_flags_description_length check (char_length(description) between 1 and 500),
  constraint feature_flags_owner_length check (char_length(owner) between 1 and 100),
  constraint feature_flags_version_positive check (version > 0)
);

comment on table admin.feature_flags is 'Live feature flags; changes reach every node through the admin.flags topic.';

-- auto-spin: several rounds from one bet.place. Off until an operator turns it on.
insert into admin.feature_flags (flag_key, description, owner, enabled)
values ('auto-spin', 'Players may ask for several slot rounds in one bet (auto-spin). Off: the client hides it and the gateway refuses it with FEATURE_DISABLED.', 'games', false);

create table admin.flag_outbox (
  id          bigint generated always as identity primary key,
  flag_key    text         not null,
  -- The record value as JSON text.
  payload     text         not null,
  created_at  timestamptz  not null default now()
);

comment on table admin.flag_outbox is 'Flag changes waiting for the relay to publish them to admin.flags.';

-- Balance adjustments asked for by staff. Each is posted to the wallet under the idempotency key
-- admin/<request_id>, once. Over the approval threshold it waits for a second ADMIN: the approval
-- is the Temporal workflow adjustment-<request_id>, with an expiry timer; this table is its
-- projection for the pages.
create table admin.adjustments (
  request_id      uuid        primary key,
  user_id         uuid        not null,
  -- The player's wallet account, once the post has found it.
  account_id      bigint,
  currency        text        not null,
  kind            text        not null,
  amount          bigint      not null,
  reason          text        not null,
  status          text        not null,
  requested_by    uuid        not null references admin.staff (staff_id),
  requested_at    timestamptz not null default now(),
  needs_approval  boolean     not null,
  expires_at      timestamptz,
  decided_by      uuid        references admin.staff (staff_id),
  decided_at      timestamptz,
  transaction_id  bigint,
  failure_code    text,
  constraint adjustments_kind_known check (kind in ('GRANT', 'ADJUSTMENT')),
  constraint adjustments_status_known
    check (status in ('PENDING_APPROVAL', 'POSTING', 'POSTED', 'REJECTED', 'EXPIRED', 'FAILED')),
  constraint adjustments_amount_nonzero check (amount <> 0),
  constraint adjustments_grant_positive check (kind <> 'GRANT' or amount > 0),
  constraint adjustments_reason_length check (char_length(reason) between 5 and 500),
  constraint adjustments_four_eyes check (decided_by is null or decided_by <> requested_by)
);

create index adjustments_pending_idx on admin.adjustments (status, requested_at) where status = 'PENDING_APPROVAL';
create index adjustments_user_idx on admin.adjustments (user_id, requested_at);

comment on table admin.adjustments is 'Staff balance adjustments and their four-eyes approvals (projection of the approval workflows).';
