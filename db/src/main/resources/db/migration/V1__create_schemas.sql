-- One schema per bounded context. A context reads another's data only through that context's API,
-- never its tables, so that the contexts can later move to separate databases.
create schema if not exists identity;
create schema if not exists wallet;
create schema if not exists game;
create schema if not exists admin;

comment on schema identity is 'Users, credentials, refresh tokens and devices (api-gateway, package identity).';
comment on schema wallet   is 'Double-entry ledger: currencies, accounts, transactions, entries, outbox (wallet-ledger).';
comment on schema game     is 'Projection of game sessions and rounds, written by Temporal activities.';
comment on schema admin    is 'Feature flags, settings and the admin audit log (admin).';
