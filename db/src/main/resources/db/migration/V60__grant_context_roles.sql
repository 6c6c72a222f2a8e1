-- One database role per context, each with rights on its own schema only, so "a context reads
-- another's data only through its API" is enforced by PostgreSQL and not only by convention:
--   croupier_identity  -> identity  (api-gateway)
--   croupier_wallet    -> wallet    (wallet-ledger)
--   croupier_game      -> game      (workers, through game-store)
--   croupier_realtime  -> realtime  (realtime)
--   croupier_admin     -> admin     (admin)
-- The role that runs these migrations (CROUPIER_DB_USER, croupier in dev) owns every schema and is
-- the only one that changes them; the apps connect as their context role and do not migrate.
--
-- Roles are cluster-wide. Production creates them (LOGIN, with passwords) before migrating, see
-- README "Database roles"; dev and CI get them from .ci/ensure-postgres.sh. Where one is missing it
-- is created here without LOGIN (which needs CREATEROLE); concurrent migrations of other databases
-- may race to create it, which is harmless.
do $$
declare
  r text;
begin
  foreach r in array array['croupier_identity', 'croupier_wallet', 'croupier_game',
                           'croupier_realtime', 'croupier_admin'] loop
    if not exists (select 1 from pg_roles where rolname = r) then
      begin
        execute format('create role %I nologin', r);
      exception when duplicate_object or unique_violation then
        null;
      end;
    end if;
  end loop;
end
$$;

do $$
declare
  grant_to record;
begin
  for grant_to in
    select * from (values ('identity', 'croupier_identity'), ('wallet', 'croupier_wallet'),
                          ('game', 'croupier_game'), ('realtime', 'croupier_realtime'),
                          ('admin', 'croupier_admin')) as g(schema_name, role_name)
  loop
    execute format('revoke all on schema %I from public', grant_to.schema_name);
    execute format('grant usage on schema %I to %I', grant_to.schema_name, grant_to.role_name);
    execute format('grant select, insert, update, delete on all tables in schema %I to %I',
                   grant_to.schema_name, grant_to.role_name);
    execute format('grant usage, select, update on all sequences in schema %I to %I',
                   grant_to.schema_name, grant_to.role_name);
    execute format('grant execute on all functions in schema %I to %I',
                   grant_to.schema_name, grant_to.role_name);
    -- Tables that later migrations create get the same rights.
    execute format('alter default privileges in schema %I grant select, insert, update, delete'
                   || ' on tables to %I', grant_to.schema_name, grant_to.role_name);
    execute format('alter default privileges in schema %I grant usage, select, update on sequences'
                   || ' to %I', grant_to.schema_name, grant_to.role_name);
    execute format('alter default privileges in schema %I grant execute on functions to %I',
                   grant_to.schema_name, grant_to.role_name);
  end loop;
end
$$;
