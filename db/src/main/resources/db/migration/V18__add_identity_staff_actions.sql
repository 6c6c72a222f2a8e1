-- What the back office needs of the identity context (the StaffIdentity API, identity-api):
-- free-text search over players, and locks and sign-outs by staff that take effect everywhere.

-- Trigram indexes make "the email or display name contains the text" a fast index search, also
-- over millions of players. pg_trgm is a trusted extension: the database's owner may create it.
create extension if not exists pg_trgm with schema public;

create index users_email_trgm_idx on identity.users using gin (email public.gin_trgm_ops);
create index users_display_name_trgm_idx on identity.users using gin (display_name public.gin_trgm_ops);
create index users_created_idx on identity.users (created_at desc, user_id);

-- Access tokens issued before this instant are refused on every REST call and socket, on every
-- node: a staff sign-out or lock sets it to now. Null: no cut-off.
alter table identity.users add column tokens_valid_after timestamptz;

comment on column identity.users.tokens_valid_after is 'Access tokens issued before this are refused (staff sign-out or lock).';

-- Why a refresh token was revoked: staff may now sign a player out.
alter table identity.refresh_tokens drop constraint refresh_tokens_revoke_reason_known;
alter table identity.refresh_tokens add constraint refresh_tokens_revoke_reason_known
  check (revoke_reason is null
         or revoke_reason in ('LOGOUT', 'REUSE_DETECTED', 'ACCOUNT_DISABLED', 'STAFF_SIGN_OUT'));

-- Staff actions on a player, as the identity context records them beside the admin app's audit log:
-- who asked and under which admin request id. Append-only.
create table identity.staff_actions (
  action_id   bigint generated always as identity primary key,
  user_id     uuid        not null references identity.users (user_id),
  action      text        not null,
  staff_id    uuid        not null,
  request_id  text        not null,
  reason      text        not null,
  at          timestamptz not null default now(),
  constraint staff_actions_action_known check (action in ('LOCK', 'UNLOCK', 'SIGN_OUT')),
  constraint staff_actions_bounded check (char_length(request_id) <= 128 and char_length(reason) between 5 and 1000)
);

create index staff_actions_user_idx on identity.staff_actions (user_id, at);

comment on table identity.staff_actions is 'Locks, unlocks and sign-outs of players by staff, with the admin request id.';
