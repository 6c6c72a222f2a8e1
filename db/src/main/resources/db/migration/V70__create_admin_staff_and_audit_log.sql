-- The back office's own people and its tamper-evident record of what they did (admin app).

-- Staff accounts, apart from players. A staff member is invited by an ADMIN (or, for the first
-- ADMIN, by the one-time bootstrap command) and becomes ACTIVE once they have set a password and
-- enrolled a TOTP second factor through the one-time enrolment link.
create table admin.staff (
  staff_id              uuid        primary key,
  email                 text        not null,
  display_name          text        not null,
  role                  text        not null,
  status                text        not null default 'INVITED',
  -- Argon2id in Spring Security's self-describing format; null until enrolled.
  password_hash         text,
  -- The TOTP secret, sealed with AES-256-GCM under the admin app's key (never in the clear), as
  -- "<key id>:<base64 of IV and ciphertext>"; null until enrolled.
  totp_secret_sealed    text,
  -- The last TOTP time step accepted: a code is good once (RFC 6238, section 5.2).
  totp_last_step        bigint,
  -- SHA-256 of the one-time enrolment token, and when it stops working.
  enrolment_token_hash  bytea,
  enrolment_expires_at  timestamptz,
  created_at            timestamptz not null default now(),
  created_by            uuid        references admin.staff (staff_id),
  updated_at            timestamptz not null default now(),
  constraint staff_email_key unique (email),
  constraint staff_email_normalised check (email = lower(btrim(email)) and length(email) between 3 and 254),
  constraint staff_display_name_length check (char_length(display_name) between 2 and 64),
  constraint staff_role_known check (role in ('ADMIN', 'OPS', 'COMPLIANCE')),
  constraint staff_status_known check (status in ('INVITED', 'ACTIVE', 'DISABLED')),
  constraint staff_active_is_enrolled
    check (status <> 'ACTIVE' or (password_hash is not null and totp_secret_sealed is not null))
);

comment on table admin.staff is 'Back-office staff: role, Argon2id password, sealed TOTP secret, enrolment state.';

-- Recovery codes: ten per staff member, each good once, stored as SHA-256 (80 random bits each,
-- so a fast hash is enough).
create table admin.staff_recovery_codes (
  staff_id   uuid        not null references admin.staff (staff_id),
  code_hash  bytea       not null,
  used_at    timestamptz,
  primary key (staff_id, code_hash),
  constraint staff_recovery_codes_hash_length check (octet_length(code_hash) = 32)
);

comment on table admin.staff_recovery_codes is 'One-time recovery codes for the second factor, hashed.';

-- Failed sign-ins counted per source (client address), never per account, so nobody can lock a
-- staff member out from somewhere else.
create table admin.sign_in_failures (
  source        text        primary key,
  failures      integer     not null,
  first_at      timestamptz not null,
  locked_until  timestamptz,
  constraint sign_in_failures_non_negative check (failures >= 0)
);

comment on table admin.sign_in_failures is 'Sign-in failures and lockouts per client address.';

-- The audit log: every staff action and every view of a player's personal data. Append-only, and
-- hash-chained: hash = SHA-256(prev_hash || canonical form of the row), as admin/README.md defines,
-- so a row changed or removed by someone who got past the trigger breaks the chain from there on.
create table admin.audit_log (
  seq          bigint      primary key,
  occurred_at  timestamptz not null,
  staff_id     uuid,
  staff_email  text,
  role         text,
  action       text        not null,
  target       text,
  reason       text,
  -- JSON as the app wrote it; text, not jsonb, so the hashed bytes are the stored bytes.
  before       text,
  after        text,
  outcome      text        not null,
  request_id   text        not null,
  ip           text,
  user_agent   text,
  prev_hash    bytea       not null,
  hash         bytea       not null,
  constraint audit_log_seq_positive check (seq > 0),
  constraint audit_log_outcome_known check (outcome in ('OK', 'REFUSED', 'FAILED', 'ATTEMPTED')),
  constraint audit_log_hash_length check (octet_length(hash) = 32 and octet_length(prev_hash) = 32),
  constraint audit_log_bounded check (
    char_length(action) <= 64 and char_length(coalesce(target, '')) <= 256
    and char_length(coalesce(reason, '')) <= 1000 and char_length(coalesce(user_agent, '')) <= 512
    and char_length(request_id) <= 128)
);

create index audit_log_staff_idx on admin.audit_log (staff_id, seq);
create index audit_log_target_idx on admin.audit_log (target, seq);

comment on table admin.audit_log is 'Append-only, hash-chained log of every staff action and personal-data view.';

-- The head of the chain: one row, locked by every append so that sequence numbers and hashes are
-- assigned one at a time.
create table admin.audit_head (
  id         boolean     primary key default true,
  seq        bigint      not null,
  hash       bytea       not null,
  constraint audit_head_one_row check (id)
);

insert into admin.audit_head (id, seq, hash) values (true, 0, decode(repeat('00', 32), 'hex'));

create function admin.refuse_audit_change() returns trigger
language plpgsql as $$
begin
  raise exception 'admin.audit_log is append-only: % refused', tg_op
    using errcode = 'insufficient_privilege';
end;
$$;

create trigger audit_log_append_only
  before update or delete on admin.audit_log
  for each row execute function admin.refuse_audit_change();

create trigger audit_log_no_truncate
  before truncate on admin.audit_log
  for each statement execute function admin.refuse_audit_change();

-- The admin app's role appends to the log and never changes or removes a row: the trigger refuses,
-- and the role has no right to try (V60 gave it every table of its schema by default).
revoke update, delete, truncate on admin.audit_log from croupier_admin;
