-- Rate limits shared by every gateway node: one row per bucket (action and subject, e.g.
-- 'login|user:<id>' or 'login|ip:<address>'), updated by one atomic statement per request (GCRA:
-- the bucket's "theoretical arrival time" in microseconds since the epoch). N nodes therefore give
-- the configured limit, not N times it, and a user's budget does not depend on the address.
create table identity.rate_limits (
  bucket_key text   primary key,
  tat_micros bigint not null,
  constraint rate_limits_key_bounded check (length(bucket_key) <= 300)
);

create index rate_limits_tat_idx on identity.rate_limits (tat_micros);

comment on table identity.rate_limits is 'Shared token buckets (GCRA arrival times) of the gateway nodes.';
