-- Catalog: venues, events, ticket types. Every organizer-owned table carries organizer_id as the
-- first column of its primary key (the future distribution key), plus a unique index on id alone
-- for lookups by the opaque ids of the API. Timestamps are timestamptz (UTC); money is minor units.
create table venue (
    organizer_id uuid not null references account (id),
    id           uuid not null,
    name         text not null,
    address      text not null,
    city         text not null,
    city_key     text not null,
    country_code char(2) not null,
    latitude     double precision not null check (latitude between -90 and 90),
    longitude    double precision not null check (longitude between -180 and 180),
    capacity     integer not null check (capacity > 0),
    created_at   timestamptz not null,
    updated_at   timestamptz not null,
    primary key (organizer_id, id)
);
create unique index venue_id_key on venue (id);
-- GET /venues?city= walks venues of a city in id order.
create index venue_city_idx on venue (city_key, id);

create table event (
    organizer_id uuid not null,
    id           uuid not null,
    venue_id     uuid not null,
    title        text not null,
    description  text not null,
    category     text not null,
    status       text not null check (status in ('DRAFT', 'PUBLISHED', 'CANCELLED')),
    starts_at    timestamptz not null,
    ends_at      timestamptz not null,
    created_at   timestamptz not null,
    updated_at   timestamptz not null,
    published_at timestamptz,
    cancelled_at timestamptz,
    primary key (organizer_id, id),
    -- an event takes place at one of its organizer's own venues
    foreign key (organizer_id, venue_id) references venue (organizer_id, id),
    check (ends_at > starts_at)
);
create unique index event_id_key on event (id);
-- an organizer's events by date, and every event of a venue (venue changes update the listing)
create index event_organizer_starts_idx on event (organizer_id, starts_at, id);
create index event_status_starts_idx on event (status, starts_at, id);
create index event_venue_idx on event (organizer_id, venue_id);

-- The inventory counters live on the ticket type and the database itself refuses to oversell.
create table ticket_type (
    organizer_id  uuid not null,
    id            uuid not null,
    event_id      uuid not null,
    position      smallint not null,
    name          text not null,
    price_cents   bigint not null check (price_cents >= 0),
    currency      char(3) not null,
    quota         integer not null check (quota >= 0),
    max_per_order integer not null check (max_per_order > 0),
    held          integer not null default 0 check (held >= 0),
    sold          integer not null default 0 check (sold >= 0),
    primary key (organizer_id, id),
    foreign key (organizer_id, event_id) references event (organizer_id, id),
    check (held + sold <= quota),
    unique (organizer_id, event_id, position)
);
create unique index ticket_type_id_key on ticket_type (id);
