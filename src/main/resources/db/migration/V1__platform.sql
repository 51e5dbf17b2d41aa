-- Platform: secrets every node must agree on when none is configured (the JWT signing key).
create table platform_secret (
    name       text primary key,
    value      bytea not null,
    created_at timestamptz not null default now()
);
