-- The on-sale: when an event's sales open, and whether buyers pass a waiting room first
alter table event
    add column on_sale_at timestamptz,
    add column waiting_room boolean not null default false,
    add column admissions_per_minute integer check (admissions_per_minute > 0),
    add column checkout_minutes integer check (checkout_minutes between 1 and 120);

-- One waiting room per event, made at its first arrival. Arrivals are numbered in the order they
-- joined; those before the on-sale (presale of them, fixed at the draw) are placed by a permutation
-- seeded with seed, the rest in arrival order. serving is the first place not yet passed.
create table waiting_room (
    event_id   uuid primary key,
    seed       bytea not null,
    arrivals   integer not null default 0,
    presale    integer,
    serving    integer not null default 0,
    admitted   integer not null default 0,
    abandoned  integer not null default 0,
    credit     double precision not null default 0,
    rounds     integer not null default 0,
    ticked_at  timestamptz,
    state      text not null default 'OPEN' check (state in ('OPEN', 'SOLD_OUT', 'CLOSED')),
    updated_at timestamptz not null
);

-- One place per account per event; a place that lapsed (passed while away, admission unused) is
-- given a new arrival number when its buyer comes back
create table waiting_room_place (
    event_id   uuid not null,
    account_id uuid not null,
    arrival    integer not null,
    address    text not null,
    joined_at  timestamptz not null,
    primary key (event_id, account_id)
);
create index waiting_room_place_address_idx on waiting_room_place (event_id, address);
create index waiting_room_place_arrival_idx on waiting_room_place (event_id, arrival);

-- Each advance of serving: places [first, last) passed at at by node, those in skipped abandoned
create table waiting_room_round (
    event_id uuid not null,
    round    integer not null,
    at       timestamptz not null,
    first    integer not null,
    last     integer not null,
    skipped  integer[] not null,
    node     text not null,
    primary key (event_id, round)
);

-- Which arrivals polled on which node in which period (a bitmap by arrival number): a place whose
-- holder polled in neither of the last two periods is abandoned
create table waiting_room_presence (
    event_id uuid not null,
    node     text not null,
    period   bigint not null,
    seen     bytea not null,
    primary key (event_id, node, period)
);

-- The node that advances every room's serving counter, while its lease lasts
create table waiting_room_lease (
    name   text primary key,
    holder text not null,
    until  timestamptz not null
);
