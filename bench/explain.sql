-- EXPLAIN (ANALYZE, BUFFERS) of the request-path queries most likely to fail at scale, as the
-- application sends them, with arguments drawn from the data set: the biggest event and organizer,
-- the buyer with most orders, a venue of the biggest organizer, a ticket code. Run by
-- bench/explain, before and after a change (docs/queries.md). Variable :fuzzy = 1 runs the
-- listing's text search as it is since V19 (unaccent configurations, a trigram match per word),
-- 0 as it was before. Since V20 a text search ranks its 1,000 soonest matches (the window).
\set ON_ERROR_STOP 1
\pset pager off
select e.organizer_id as organizer, e.id as event from event e
  join ticket_type t on t.event_id = e.id group by e.organizer_id, e.id order by sum(t.sold) desc limit 1 \gset big_
select organizer_id as organizer, id as venue from venue
 where organizer_id = (select organizer_id from event group by organizer_id order by count(*) desc limit 1)
 limit 1 \gset top_
select buyer_id as buyer from orders
 where buyer_id in (select id from account tablesample system (1) limit 2000)
 group by buyer_id order by count(*) desc limit 1 \gset
select code from ticket where order_id >= uuid7_floor(now() - interval '20 days') limit 1 \gset

\echo '=== listing: q=jazz (full text, ranked)'
\if :fuzzy
explain (analyze, buffers, costs off)
select * from (select event_id, title, category, starts_at, ends_at, venue_id, venue_name, city, country_code,
       latitude, longitude, time_zone, min_price_cents, currency,
       (ts_rank_cd(document, websearch_to_tsquery('boxoffice_english', 'jazz'))
        + word_similarity(search_fold('jazz'), search_fold(title)) / 10)::real as rank
  from (select * from event_listing
 where starts_at >= now()
   and (document @@ plainto_tsquery('boxoffice_english', 'jazz') or search_fold('jazz') <% search_fold(title))
 order by starts_at, event_id limit 1000) candidates) listed
 order by rank desc, starts_at, event_id limit 21;
\else
explain (analyze, buffers, costs off)
select * from (select event_id, title, category, starts_at, ends_at, venue_id, venue_name, city, country_code,
       latitude, longitude, time_zone, min_price_cents, currency,
       ts_rank_cd(document, websearch_to_tsquery('english', 'jazz'))::real as rank
  from event_listing
 where starts_at >= now() and document @@ websearch_to_tsquery('english', 'jazz')) listed
 order by rank desc, starts_at, event_id limit 21;
\endif

\echo '=== listing: q=velvet orchestra 1234 (a long-tail search: never cached)'
\if :fuzzy
explain (analyze, buffers, costs off)
select * from (select event_id, title, starts_at,
       (ts_rank_cd(document, websearch_to_tsquery('boxoffice_english', 'velvet orchestra 1234'))
        + word_similarity(search_fold('velvet orchestra 1234'), search_fold(title)) / 10)::real as rank
  from (select * from event_listing
 where starts_at >= now()
   and (document @@ plainto_tsquery('boxoffice_english', 'velvet') or search_fold('velvet') <% search_fold(title))
   and (document @@ plainto_tsquery('boxoffice_english', 'orchestra') or search_fold('orchestra') <% search_fold(title))
   and (document @@ plainto_tsquery('boxoffice_english', '1234') or search_fold('1234') <% search_fold(title))
 order by starts_at, event_id limit 1000) candidates) listed
 order by rank desc, starts_at, event_id limit 21;
\else
explain (analyze, buffers, costs off)
select * from (select event_id, title, starts_at,
       ts_rank_cd(document, websearch_to_tsquery('english', 'velvet orchestra 1234'))::real as rank
  from event_listing
 where starts_at >= now() and document @@ websearch_to_tsquery('english', 'velvet orchestra 1234')) listed
 order by rank desc, starts_at, event_id limit 21;
\endif

\echo '=== listing: q=london (a city: matches a sixth of the catalogue)'
\if :fuzzy
explain (analyze, buffers, costs off)
select * from (select event_id, title, starts_at,
       (ts_rank_cd(document, websearch_to_tsquery('boxoffice_english', 'london'))
        + word_similarity(search_fold('london'), search_fold(title)) / 10)::real as rank
  from (select * from event_listing
 where starts_at >= now()
   and (document @@ plainto_tsquery('boxoffice_english', 'london') or search_fold('london') <% search_fold(title))
 order by starts_at, event_id limit 1000) candidates) listed
 order by rank desc, starts_at, event_id limit 21;
\else
explain (analyze, buffers, costs off)
select * from (select event_id, title, starts_at,
       ts_rank_cd(document, websearch_to_tsquery('english', 'london'))::real as rank
  from event_listing
 where starts_at >= now() and document @@ websearch_to_tsquery('english', 'london')) listed
 order by rank desc, starts_at, event_id limit 21;
\endif

\echo '=== listing: near London, 25 km'
explain (analyze, buffers, costs off)
select event_id, title, starts_at from event_listing
 where starts_at >= now()
   and location <@ box(point(-0.487, 51.282), point(0.231, 51.732))
   and great_circle_km(latitude, longitude, 51.507, -0.128) <= 25
 order by starts_at, event_id limit 21;

\echo '=== listing: near London, 25 km, by grid cell (since V21)'
\if :fuzzy
explain (analyze, buffers, costs off)
select * from (
  (select event_id, title, starts_at from event_listing where cell = 282359 and starts_at >= now()
      and great_circle_km(latitude, longitude, 51.507, -0.128) <= 25 order by starts_at, event_id limit 21)
  union all
  (select event_id, title, starts_at from event_listing where cell = 282360 and starts_at >= now()
      and great_circle_km(latitude, longitude, 51.507, -0.128) <= 25 order by starts_at, event_id limit 21)
  union all
  (select event_id, title, starts_at from event_listing where cell = 283359 and starts_at >= now()
      and great_circle_km(latitude, longitude, 51.507, -0.128) <= 25 order by starts_at, event_id limit 21)
  union all
  (select event_id, title, starts_at from event_listing where cell = 283360 and starts_at >= now()
      and great_circle_km(latitude, longitude, 51.507, -0.128) <= 25 order by starts_at, event_id limit 21)
) listed order by starts_at, event_id limit 21;
\endif

\echo '=== listing: city=london&category=MUSIC'
explain (analyze, buffers, costs off)
select event_id, title, starts_at from event_listing
 where starts_at >= now() and city_key = 'london' and category = 'MUSIC'
 order by starts_at, event_id limit 21;

\echo '=== listing: q=jazz&city=london (combined)'
explain (analyze, buffers, costs off)
select event_id, title, starts_at from event_listing
 where starts_at >= now() and city_key = 'london' and document @@ websearch_to_tsquery('english', 'jazz')
 order by starts_at, event_id limit 21;

\echo '=== stats: tickets checked in at the biggest event'
explain (analyze, buffers, costs off)
select count(*) from ticket
 where organizer_id = :'big_organizer' and event_id = :'big_event' and checked_in_at is not null;

\echo '=== stats: revenue of the biggest event'
explain (analyze, buffers, costs off)
select coalesce(sum(total_cents), 0) from orders
 where organizer_id = :'big_organizer' and event_id = :'big_event' and status = 'CONFIRMED';

\echo '=== stats: disputed orders of the biggest event'
explain (analyze, buffers, costs off)
select count(*) from orders
 where organizer_id = :'big_organizer' and event_id = :'big_event' and disputed_at is not null;

\echo '=== availability of the biggest event'
explain (analyze, buffers, costs off)
select id, quota - held - sold as available from ticket_type
 where organizer_id = :'big_organizer' and event_id = :'big_event';

\echo '=== GET /me/orders of the buyer with most orders'
explain (analyze, buffers, costs off)
select id, status, total_cents, created_at from orders where buyer_id = :'buyer'
 order by created_at desc, id desc limit 21;

\echo '=== GET /me/events of the biggest organizer'
explain (analyze, buffers, costs off)
select e.id, e.title, e.starts_at from event e join venue v on v.organizer_id = e.organizer_id and v.id = e.venue_id
 where e.organizer_id = :'top_organizer' and e.starts_at >= now() order by e.starts_at, e.id limit 21;

\echo '=== a venue change: the events at the venue (before V19: by venue alone)'
explain (analyze, buffers, costs off)
select id from event where venue_id = :'top_venue';
\echo '=== a venue change: the events at the venue (by organizer and venue)'
explain (analyze, buffers, costs off)
select id from event where organizer_id = :'top_organizer' and venue_id = :'top_venue';

\echo '=== check-in: the ticket of a code (its prefix names the range of order ids)'
select (encode(decode(translate(substr(:'code', 1, 8), '-_', '+/'), 'base64'), 'hex') || '00000000000000000000')::uuid as first,
       (encode(decode(translate(substr(:'code', 1, 8), '-_', '+/'), 'base64'), 'hex') || 'ffffffffffffffffffff')::uuid as last \gset
explain (analyze, buffers, costs off)
select t.id, t.organizer_id, t.order_id, o.event_id, o.status, t.checked_in_at
  from ticket t join orders o on o.organizer_id = t.organizer_id and o.id = t.order_id
 where t.code = :'code'
   and t.order_id between :'first' and :'last' and o.id between :'first' and :'last';
