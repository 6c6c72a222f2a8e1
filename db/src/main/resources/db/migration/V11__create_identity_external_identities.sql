-- Links a Croupier user to an account at an external OIDC or social provider. The first login
-- through a provider either links to the user with the same verified email or creates a user.
create table identity.external_identities (
  provider    text        not null,
  subject     text        not null,
  user_id     uuid        not null references identity.users (user_id),
  email       text,
  linked_at   timestamptz not null default now(),
  primary key (provider, subject)
);

create index external_identities_user_idx on identity.external_identities (user_id);

comment on table identity.external_identities is 'User links to external OIDC providers, keyed by the provider''s subject.';
