-- Search: the public listing, one row per PUBLISHED event, kept up to date from catalog events
-- in the same transaction. Holding only published events, the table's own predicate is the
-- "status = PUBLISHED" of every listing query, so (starts_at, event_id) is the (status, starts_at)
-- listing index. Venue fields are copied in so a listing page is one index scan of one table.
create table event_listing (
    event_id         uuid primary key,
    organizer_id     uuid not null,
    title            text not null,
    description      text not null,
    category         text not null,
    starts_at        timestamptz not null,
    ends_at          timestamptz not null,
    venue_id         uuid not null,
    venue_name       text not null,
    city             text not null,
    city_key         text not null,
    country_code     char(2) not null,
    latitude         double precision not null,
    longitude        double precision not null,
    min_price_cents  bigint,
    currency         char(3),
    location         point generated always as (point(longitude, latitude)) stored,
    document         tsvector generated always as (
                         setweight(to_tsvector('english', title), 'A')
                         || setweight(to_tsvector('simple', city), 'A')
                         || setweight(to_tsvector('simple', venue_name), 'B')
                         || setweight(to_tsvector('english', description), 'C')) stored
);

-- soonest first, optionally by city or category; keyset pagination on (starts_at, event_id)
create index event_listing_starts_idx on event_listing (starts_at, event_id);
create index event_listing_city_idx on event_listing (city_key, starts_at, event_id);
create index event_listing_category_idx on event_listing (category, starts_at, event_id);
-- q=: full-text search
create index event_listing_document_idx on event_listing using gin (document);
-- near=: bounding-box search on (longitude, latitude), refined by great-circle distance
create index event_listing_location_idx on event_listing using gist (location);
-- venue changes rewrite the venue fields of its listed events
create index event_listing_venue_idx on event_listing (venue_id);

-- Great-circle distance in kilometres (haversine, mean Earth radius).
create function great_circle_km(lat1 double precision, lon1 double precision,
                                lat2 double precision, lon2 double precision)
    returns double precision
    language sql immutable strict parallel safe
    return 2 * 6371.0088 * asin(least(1, sqrt(
        power(sin(radians(lat2 - lat1) / 2), 2)
        + cos(radians(lat1)) * cos(radians(lat2)) * power(sin(radians(lon2 - lon1) / 2), 2))));
