-- Generates Boxoffice's data at a given scale, set-based, into a migrated and empty database
-- (bench/dataset runs it; see its header for the shape). psql variables:
--   organizers, venues, events, accounts, orders   how many of each
--   hash                                            the password hash every generated account gets
-- Every id is derived from its row's number (md5 of a name and the number), so rows find each
-- other without joins; order ids are UUIDv7 of their creation time, as the application makes
-- them, so every order lands in its month's partition. Foreign keys are not checked row by row
-- while loading (session_replication_role = replica turns their triggers off); bench/dataset
-- checks every one of them, and every counter, set-based afterwards.
\set ON_ERROR_STOP 1
set synchronous_commit = off;
set work_mem = '256MB';
set maintenance_work_mem = '1GB';
set session_replication_role = replica;
set timezone = 'UTC';

create or replace function pg_temp.uuid7(at timestamptz) returns uuid
    language sql volatile
as $$
    select (lpad(to_hex(floor(extract(epoch from at) * 1000)::bigint), 12, '0') || '7'
            || substr(r, 14, 3) || substr(r, 17, 16))::uuid
      from (select replace(gen_random_uuid()::text, '-', '') as r) random
$$;
create or replace function pg_temp.id(kind text, n bigint) returns uuid
    language sql immutable
as $$ select md5('dataset-' || kind || '-' || n)::uuid $$;
create or replace function pg_temp.pick(options text[]) returns text
    language sql volatile
as $$ select options[1 + floor(random() * cardinality(options))::int] $$;

-- The moment the data set is generated at: events run from 30 months before it to 6 after.
create temp table g_now as select date_trunc('second', now()) as now;

\echo accounts
insert into account (id, email, password_hash, display_name, roles, created_at)
select pg_temp.id('organizer', n), 'organizer-' || n || '@dataset.boxoffice.test', :'hash',
       'Organizer ' || n, '{ORGANIZER}', (select now from g_now) - interval '40 months' * random()
  from generate_series(1, :organizers) n;
-- buyers; one in a thousand has been erased (GDPR): the row stays, its personal columns are null
insert into account (id, email, password_hash, display_name, roles, created_at, erased_at)
select pg_temp.id('buyer', n),
       case when n % 1000 = 999 then null else 'buyer-' || n || '@dataset.boxoffice.test' end,
       case when n % 1000 = 999 then null else :'hash' end,
       case when n % 1000 = 999 then null else 'Buyer ' || n end,
       '{ATTENDEE}', created, case when n % 1000 = 999 then created + interval '30 days' end
  from (select n, (select now from g_now) - interval '36 months' * sqrt(random()) as created
          from generate_series(1, :accounts - :organizers) n) b;

\echo venues
create temp table g_city (i int, city text, country char(2), currency char(3), zone text, lat float8, lon float8);
insert into g_city values
  (1, 'London', 'GB', 'GBP', 'Europe/London', 51.507, -0.128), (2, 'Manchester', 'GB', 'GBP', 'Europe/London', 53.481, -2.243),
  (3, 'Glasgow', 'GB', 'GBP', 'Europe/London', 55.864, -4.252), (4, 'Dublin', 'IE', 'EUR', 'Europe/Dublin', 53.350, -6.260),
  (5, 'Paris', 'FR', 'EUR', 'Europe/Paris', 48.857, 2.352), (6, 'Lyon', 'FR', 'EUR', 'Europe/Paris', 45.764, 4.836),
  (7, 'Berlin', 'DE', 'EUR', 'Europe/Berlin', 52.520, 13.405), (8, 'München', 'DE', 'EUR', 'Europe/Berlin', 48.137, 11.576),
  (9, 'Köln', 'DE', 'EUR', 'Europe/Berlin', 50.938, 6.960), (10, 'Zürich', 'CH', 'CHF', 'Europe/Zurich', 47.377, 8.541),
  (11, 'Madrid', 'ES', 'EUR', 'Europe/Madrid', 40.417, -3.704), (12, 'Barcelona', 'ES', 'EUR', 'Europe/Madrid', 41.385, 2.173),
  (13, 'Lisboa', 'PT', 'EUR', 'Europe/Lisbon', 38.722, -9.139), (14, 'Roma', 'IT', 'EUR', 'Europe/Rome', 41.903, 12.496),
  (15, 'Milano', 'IT', 'EUR', 'Europe/Rome', 45.464, 9.190), (16, 'Amsterdam', 'NL', 'EUR', 'Europe/Amsterdam', 52.368, 4.904),
  (17, 'Bruxelles', 'BE', 'EUR', 'Europe/Brussels', 50.850, 4.352), (18, 'København', 'DK', 'DKK', 'Europe/Copenhagen', 55.676, 12.568),
  (19, 'Stockholm', 'SE', 'SEK', 'Europe/Stockholm', 59.329, 18.069), (20, 'Kraków', 'PL', 'PLN', 'Europe/Warsaw', 50.065, 19.945),
  (21, 'Wien', 'AT', 'EUR', 'Europe/Vienna', 48.208, 16.373), (22, 'Praha', 'CZ', 'CZK', 'Europe/Prague', 50.075, 14.438),
  (23, 'New York', 'US', 'USD', 'America/New_York', 40.713, -74.006), (24, 'Chicago', 'US', 'USD', 'America/Chicago', 41.878, -87.630),
  (25, 'Austin', 'US', 'USD', 'America/Chicago', 30.267, -97.743), (26, 'Los Angeles', 'US', 'USD', 'America/Los_Angeles', 34.052, -118.244),
  (27, 'San Francisco', 'US', 'USD', 'America/Los_Angeles', 37.775, -122.419), (28, 'Montréal', 'CA', 'CAD', 'America/Toronto', 45.502, -73.567),
  (29, 'Toronto', 'CA', 'CAD', 'America/Toronto', 43.653, -79.383), (30, 'São Paulo', 'BR', 'BRL', 'America/Sao_Paulo', -23.551, -46.633),
  (31, 'Ciudad de México', 'MX', 'MXN', 'America/Mexico_City', 19.433, -99.133), (32, 'Sydney', 'AU', 'AUD', 'Australia/Sydney', -33.869, 151.209),
  (33, 'Melbourne', 'AU', 'AUD', 'Australia/Melbourne', -37.814, 144.963), (34, 'Tokyo', 'JP', 'JPY', 'Asia/Tokyo', 35.676, 139.650),
  (35, 'Singapore', 'SG', 'SGD', 'Asia/Singapore', 1.352, 103.820), (36, 'Cape Town', 'ZA', 'ZAR', 'Africa/Johannesburg', -33.925, 18.424);
-- organizer o owns venues o, o + organizers, o + 2 organizers, ... (2.5 each at year 3); a city
-- is drawn with the bigger ones likelier
insert into venue (organizer_id, id, name, address, city, city_key, country_code, latitude, longitude, capacity,
                   created_at, updated_at, time_zone)
select pg_temp.id('organizer', (n - 1) % :organizers + 1), pg_temp.id('venue', n),
       pg_temp.pick('{The,Old,New,Royal,Grand,Little,Union,Electric,Blue,Velvet}') || ' '
           || pg_temp.pick('{Hall,Arena,Theatre,Club,Stadium,Ballroom,Garage,Forum,Pavilion,Café,Opéra,Kino}') || ' ' || n,
       (1 + floor(random() * 400))::int || ' ' || pg_temp.pick('{High Street,Main Street,Market Square,Station Road,Rue de la Paix,Hauptstraße,Calle Mayor,Harbour Road}'),
       c.city, lower(c.city), c.country, c.lat + (random() - 0.5) * 0.2, c.lon + (random() - 0.5) * 0.3,
       (50 + floor(random() ^ 3 * 20000))::int, created, created, c.zone
  from (select n, 1 + floor(random() ^ 2 * 36)::int as city,
               (select now from g_now) - interval '40 months' * random() as created
          from generate_series(1, :venues) n) v
  join g_city c on c.i = v.city;

\echo events
-- organizers' sizes are skewed (organizer 1 is a national promoter, most put on a few events),
-- and the catalogue grows: an event's start is likelier the later it is (5,000 a day by year 3)
create unlogged table g_event as
select n,
       o,
       o + :organizers * floor(random() * ((:venues - o) / :organizers + 1))::bigint as venue,
       starts,
       least(starts - interval '1 day' * (7 + floor(random() * 113)),
             (select now from g_now) - interval '1 day' * (1 + random() * 60)) as created,
       case when r < 0.05 then 'DRAFT' when r < 0.08 then 'CANCELLED' else 'PUBLISHED' end as status,
       1 + n % 3 as types,
       -- orders: Pareto-distributed (alpha 1.16, the 80/20 rule), most events sell little
       case when r < 0.05 then 0 else least(random() ^ (-1 / 1.16) - 1, 5000) end as weight
  from (select n, 1 + floor(random() ^ 3 * :organizers)::bigint as o,
               (select now from g_now) - interval '30 months' + interval '36 months' * sqrt(random()) as starts,
               random() as r
          from generate_series(1, :events) n) e;
alter table g_event add column orders bigint;
update g_event set orders = round(weight * :orders / (select sum(weight) from g_event));
create index on g_event (n);
analyze g_event;

insert into event (organizer_id, id, venue_id, title, description, category, status, starts_at, ends_at,
                   created_at, updated_at, published_at, cancelled_at)
select pg_temp.id('organizer', o), pg_temp.id('event', n), pg_temp.id('venue', venue),
       pg_temp.pick('{Midnight,Golden,Electric,Silent,Northern,Wild,Velvet,Crimson,Summer,Winter,Café,Señor,Brave,Lunar}') || ' '
           || pg_temp.pick('{Orchestra,Collective,Revue,Sessions,Quartet,Derby,Showcase,Festival,Symposium,Matinée,Cup,Tour}') || ' '
           || pg_temp.pick('{Live,Unplugged,Tonight,Returns,2026,2027,Encore,Weekend,Finals,Night}'),
       pg_temp.pick('{An evening of jazz and soul,A night of techno and house,The season finale in the derby,A comedy special with guests,A conference on distributed systems,A family matinée with puppets,Chamber music by candlelight,An open-air festival with three stages,A screening followed by a talk,The world tour comes to town}')
           || ' at venue ' || venue || '.',
       pg_temp.pick('{MUSIC,MUSIC,MUSIC,SPORTS,SPORTS,THEATRE,COMEDY,CONFERENCE,FESTIVAL,FAMILY,FILM,OTHER}'),
       status, starts, starts + interval '1 hour' * (2 + floor(random() * 4)), created, created,
       case when status <> 'DRAFT' then created end,
       case when status = 'CANCELLED' then least(starts - interval '1 day', (select now from g_now)) end
  from g_event;

-- ticket types: 1 to 3 an event, the cheapest first; counters and quotas come from the orders below
create unlogged table g_type as
select e.n, p, pg_temp.id('type-' || p, e.n) as id, c.currency,
       (array[0, 1500, 2500, 3500, 4500, 6500, 9900, 15000])[1 + floor(random() * 8)::int] * (p + 1) as price
  from g_event e
  join venue v on v.id = pg_temp.id('venue', e.venue)
  join g_city c on c.city = v.city
 cross join lateral generate_series(0, e.types - 1) p;
create index on g_type (n, p);
analyze g_type;

\echo orders (planned)
-- Each order: one item of one type, 1 to 4 tickets (mostly 1 or 2). Made between the event's
-- publication and its start (or now), most of them early (the on-sale). Statuses: 90 % paid,
-- 3 % paid then refunded, 4 % holds that expired, 3 % holds cancelled; every order of a cancelled
-- event refunded. No hold is open: holds last minutes, the data set is a moment between them.
create unlogged table g_order as
select pg_temp.uuid7(x.created) as id, x.n, x.o, x.starts, x.event_status, x.p, x.q, x.created,
       case when x.event_status = 'CANCELLED' then 'REFUNDED'
            when x.r < 0.90 then 'CONFIRMED' when x.r < 0.93 then 'REFUNDED' when x.r < 0.97 then 'EXPIRED'
            else 'CANCELLED' end as status,
       1 + floor(random() * (:accounts - :organizers))::bigint as buyer,
       t.price * x.q as price, t.currency
  from (select e.n, e.o, e.starts, e.status as event_status,
               floor(random() ^ 2 * e.types)::int as p,
               1 + floor(random() ^ 2 * 4)::int as q,
               e.created + (least(e.starts, (select now from g_now)) - e.created) * random() ^ 3 as created,
               random() as r
          from g_event e cross join lateral generate_series(1, e.orders) i
         where e.status <> 'DRAFT') x
  join g_type t on t.n = x.n and t.p = x.p;
analyze g_order;

-- a month partition for every month an order was made in, and three ahead
\o /dev/null
select create_monthly_partitions(t, (select min(created) from g_order))
  from unnest(array['orders', 'order_item', 'ticket', 'payment_attempt', 'refund', 'dispute']) t;
\o

\echo ticket types
-- quota: the biggest sellers (1 % of events) sold out, the rest sold 20 % to 90 % of it
insert into ticket_type (organizer_id, id, event_id, position, name, price_cents, currency, quota, max_per_order,
                         held, sold)
select pg_temp.id('organizer', e.o), t.id, pg_temp.id('event', e.n), t.p,
       (array['Standard', 'Premium', 'VIP'])[t.p + 1], t.price, t.currency,
       greatest(coalesce(s.sold, 0),
                case when e.orders >= (select percentile_disc(0.99) within group (order by orders) from g_event)
                     then coalesce(s.sold, 0)
                     else ceil(coalesce(s.sold, 0) / (0.2 + 0.7 * random()))::int + 20 end),
       8, 0, coalesce(s.sold, 0)
  from g_type t
  join g_event e on e.n = t.n
  left join (select n, p, sum(q)::int as sold from g_order where status = 'CONFIRMED' group by n, p) s
         on s.n = t.n and s.p = t.p;

\echo listing
insert into event_listing (event_id, organizer_id, title, description, category, starts_at, ends_at, venue_id,
                           venue_name, city, city_key, country_code, latitude, longitude, min_price_cents, currency,
                           time_zone, starts_on)
select e.id, e.organizer_id, e.title, e.description, e.category, e.starts_at, e.ends_at, v.id, v.name, v.city,
       v.city_key, v.country_code, v.latitude, v.longitude, t.price, t.currency, v.time_zone,
       (e.starts_at at time zone v.time_zone)::date
  from event e
  join venue v on v.organizer_id = e.organizer_id and v.id = e.venue_id
  join (select event_id, min(price_cents) as price, min(currency) as currency
          from ticket_type group by event_id) t on t.event_id = e.id
 where e.status = 'PUBLISHED';

\echo orders
insert into orders (organizer_id, id, event_id, buyer_id, status, total_cents, currency, created_at, expires_at,
                    confirmed_at, closed_at, payment_method, payment_ref)
select pg_temp.id('organizer', o), id, pg_temp.id('event', n), pg_temp.id('buyer', buyer), status, price, currency,
       created, created + interval '10 minutes',
       case when status in ('CONFIRMED', 'REFUNDED') then created + interval '90 seconds' end,
       case status when 'EXPIRED' then created + interval '10 minutes'
                   when 'CANCELLED' then created + interval '3 minutes'
                   when 'REFUNDED' then least(created + interval '2 days', (select now from g_now)) end,
       case when status in ('CONFIRMED', 'REFUNDED') then 'card' end,
       case when status in ('CONFIRMED', 'REFUNDED') then 'pi_' || substr(md5(id::text), 1, 24) end
  from g_order;

\echo order items
insert into order_item (organizer_id, order_id, ticket_type_id, quantity, price_cents)
select pg_temp.id('organizer', o), id, pg_temp.id('type-' || p, n), q, price / q
  from g_order;

\echo tickets
-- a paid order's tickets (a refunded order keeps them, refused at the door); codes as
-- TicketCodes makes them: the order id's first six bytes, then 16 random ones, base64url; four
-- in five tickets of a past event were checked in
insert into ticket (organizer_id, id, order_id, ticket_type_id, event_id, code, checked_in_at)
select pg_temp.id('organizer', o), gen_random_uuid(), id, pg_temp.id('type-' || p, n), pg_temp.id('event', n),
       translate(rtrim(encode(decode(substr(replace(id::text, '-', ''), 1, 12)
                                     || md5(random()::text), 'hex'), 'base64'), '='), '+/', '-_'),
       case when status = 'CONFIRMED' and starts < (select now from g_now) and random() < 0.8
            then starts - interval '45 minutes' + interval '90 minutes' * random() end
  from g_order cross join lateral generate_series(1, q) i
 where status in ('CONFIRMED', 'REFUNDED');

\echo payments
insert into payment_attempt (organizer_id, order_id, attempt, provider, payment_method, amount_cents, currency,
                             status, provider_ref, started_at, resolved_at)
select pg_temp.id('organizer', o), id, 1, 'stripe', 'card', price, currency, 'SUCCEEDED',
       'pi_' || substr(md5(id::text), 1, 24), created + interval '80 seconds', created + interval '90 seconds'
  from g_order where status in ('CONFIRMED', 'REFUNDED');
-- one expired hold in five had a card declined first
insert into payment_attempt (organizer_id, order_id, attempt, provider, payment_method, amount_cents, currency,
                             status, provider_ref, failure, started_at, resolved_at)
select pg_temp.id('organizer', o), id, 1, 'stripe', 'card', price, currency, 'DECLINED',
       'pi_' || substr(md5(id::text), 1, 24), 'card_declined', created + interval '60 seconds',
       created + interval '62 seconds'
  from g_order where status = 'EXPIRED' and random() < 0.2;
insert into refund (organizer_id, order_id, id, attempt, amount_cents, currency, reason, status, provider_ref,
                    created_at, completed_at)
select pg_temp.id('organizer', o), id, gen_random_uuid(), 1, price, currency,
       case when event_status = 'CANCELLED' then 'EVENT_CANCELLED' else 'ORDER_CANCELLED' end, 'SUCCEEDED',
       're_' || substr(md5(id::text), 1, 24), least(created + interval '2 days', (select now from g_now)),
       least(created + interval '2 days', (select now from g_now))
  from g_order where status = 'REFUNDED' and price > 0;

\echo sales roll-up, emails, idempotency keys, jobs
insert into event_sales_daily (organizer_id, event_id, day, orders, tickets, revenue_cents, refunds, refunded_cents,
                               rolled_up_at)
select pg_temp.id('organizer', o), pg_temp.id('event', n), day, sum(orders)::int, sum(tickets)::int,
       sum(revenue)::bigint, sum(refunds)::int, sum(refunded)::bigint, (select now from g_now)
  from (select o, n, ((created + interval '90 seconds') at time zone 'UTC')::date as day, 1 as orders, q as tickets,
               price as revenue, 0 as refunds, 0 as refunded
          from g_order where status in ('CONFIRMED', 'REFUNDED')
        union all
        select o, n, (least(created + interval '2 days', (select now from g_now)) at time zone 'UTC')::date, 0, 0, 0,
               1, price
          from g_order where status = 'REFUNDED') s
 group by o, n, day;
-- every paid order's confirmation email
insert into sent_email (kind, subject_id, message_id, sent_at)
select 'order-confirmation', id, '<order-confirmation.' || id || '@boxoffice>', created + interval '95 seconds'
  from g_order where status in ('CONFIRMED', 'REFUNDED');
-- Idempotency-Keys are kept a day (boxoffice.orders.idempotency-retention): the last day's orders'
insert into idempotency_key (account_id, key, fingerprint, claimed_at, status, order_id)
select pg_temp.id('buyer', buyer), gen_random_uuid()::text, md5(id::text), created, 201, id
  from g_order where created > (select now from g_now) - interval '1 day';
-- jobs that failed every attempt, waiting for an operator: one in 100,000 orders
insert into dead_job (id, task_name, task_instance, task_data, priority, attempts, last_error, died_at)
select gen_random_uuid(), 'order-confirmation-email', id::text, convert_to(id::text, 'UTF8'), 5, 8,
       'MailSendException: 421 4.3.2 service not available', created + interval '3 hours'
  from g_order where status = 'CONFIRMED' and random() < 0.00001;

drop table g_order, g_type, g_event;
reset session_replication_role;
