-- Compliance alerts as admin keeps them (admin app): each record of compliance.alerts, written by
-- the game context when a round's records disagree, once per alert id (the topic is at least once),
-- and a compliance user's resolution of it. The session stays held for review until admin signals
-- the resolution to its workflow; the audit log records who resolved what and why.
create table admin.compliance_alerts (
  alert_id     text         primary key,
  kind         text         not null,
  session_id   uuid         not null,
  user_id      uuid,
  game         text,
  round        bigint       not null,
  raised_at    timestamptz  not null,
  -- The record value as it arrived: the alert with both versions of the round (ledger, replayed).
  payload      text         not null,
  received_at  timestamptz  not null default now(),
  resolved_at  timestamptz,
  resolved_by  uuid         references admin.staff (staff_id),
  resolution   text,
  constraint compliance_alerts_id_length check (char_length(alert_id) between 1 and 200),
  constraint compliance_alerts_resolution_length check (char_length(resolution) between 5 and 1000),
  constraint compliance_alerts_resolved check ((resolved_at is null) = (resolved_by is null)
    and (resolved_at is null) = (resolution is null))
);

create index compliance_alerts_open on admin.compliance_alerts (raised_at desc) where resolved_at is null;

comment on table admin.compliance_alerts is 'Alerts from compliance.alerts, once per alert id, with their resolution.';
