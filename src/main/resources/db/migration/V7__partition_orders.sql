-- Orders, their items and their tickets grow without bound: range-partition them by month.
-- The partition key is the order's id, a UUIDv7 whose first 48 bits are its creation time in
-- milliseconds, so a month is a range of ids: every lookup by order id (the hot queries: get,
-- pay, cancel, a ticket's order) prunes to one partition, and an order's items and tickets live
-- in the same month as the order itself, ready to be detached and archived together.
-- A DEFAULT partition takes any row outside the months created so far (a clock far ahead), so
-- an insert never fails for want of a partition. create_monthly_partition() is called by the
-- recurring partition maintenance of the orders module, months ahead.

-- The lowest UUIDv7 of the given instant's millisecond.
create function uuid7_floor(at timestamptz) returns uuid
    language sql immutable strict parallel safe
as $$
    select (lpad(to_hex(floor(extract(epoch from at) * 1000)::bigint), 12, '0') || '00000000000000000000')::uuid
$$;

-- Creates the partition of `parent` for the month starting at `month` (UTC): bounds are
-- UUIDv7 values when the partition key is a uuid, instants when it is a timestamptz. Returns
-- false if the partition exists, or if rows of that month already sit in the default partition
-- (they stay there, correct but unpruned, and a warning says so).
create function create_monthly_partition(parent text, month date) returns boolean
    language plpgsql
as $$
declare
    first timestamptz := date_trunc('month', month)::timestamp at time zone 'UTC';
    next timestamptz := first + interval '1 month';
    name text := parent || '_' || to_char(first at time zone 'UTC', 'YYYY_MM');
    key_type regtype;
begin
    if to_regclass(name) is not null then
        return false;
    end if;
    select a.atttypid::regtype into key_type
      from pg_partitioned_table p
      join pg_attribute a on a.attrelid = p.partrelid and a.attnum = p.partattrs[0]
     where p.partrelid = parent::regclass;
    if key_type = 'uuid'::regtype then
        execute format('create table %I partition of %I for values from (%L) to (%L)',
                       name, parent, uuid7_floor(first), uuid7_floor(next));
    else
        execute format('create table %I partition of %I for values from (%L) to (%L)',
                       name, parent, first, next);
    end if;
    return true;
exception
    when duplicate_table then
        return false; -- another node created it meanwhile
    when check_violation then
        raise warning 'partition % not created: rows of that month are in the default partition of %', name, parent;
        return false;
end
$$;

-- Creates the monthly partitions of `parent` from the month of `since` (this month if null) up
-- to three months ahead, as a migration that moves existing rows in needs.
create function create_monthly_partitions(parent text, since timestamptz) returns void
    language plpgsql
as $$
declare
    month date := date_trunc('month', coalesce(since, now()) at time zone 'UTC');
    last date := date_trunc('month', now() at time zone 'UTC') + interval '3 months';
begin
    while month <= last loop
        perform create_monthly_partition(parent, month);
        month := month + interval '1 month';
    end loop;
end
$$;

create schema migrating_v7;
alter table ticket set schema migrating_v7;
alter table order_item set schema migrating_v7;
alter table orders set schema migrating_v7;

create table orders (
    organizer_id    uuid not null,
    id              uuid not null,
    event_id        uuid not null,
    buyer_id        uuid not null references account (id),
    status          text not null check (status in ('PENDING', 'CONFIRMED', 'CANCELLED', 'EXPIRED', 'REFUNDED')),
    total_cents     bigint not null check (total_cents >= 0),
    currency        char(3) not null,
    created_at      timestamptz not null,
    expires_at      timestamptz not null,
    confirmed_at    timestamptz,
    closed_at       timestamptz,
    payment_method  text,
    payment_ref     text,
    primary key (organizer_id, id),
    foreign key (organizer_id, event_id) references event (organizer_id, id)
) partition by range (id);
create unique index orders_id_key on orders (id);
-- GET /me/orders, newest first
create index orders_buyer_idx on orders (buyer_id, created_at desc, id desc);
-- the expiry sweeper claims the oldest expired holds
create index orders_pending_expiry_idx on orders (expires_at) where status = 'PENDING';
-- an event's orders (cancellation, stats)
create index orders_event_idx on orders (organizer_id, event_id, status);

create table order_item (
    organizer_id   uuid not null,
    order_id       uuid not null,
    ticket_type_id uuid not null,
    quantity       integer not null check (quantity > 0),
    price_cents    bigint not null check (price_cents >= 0),
    primary key (organizer_id, order_id, ticket_type_id),
    foreign key (organizer_id, order_id) references orders (organizer_id, id),
    foreign key (organizer_id, ticket_type_id) references ticket_type (organizer_id, id)
) partition by range (order_id);

-- A ticket's code starts with its order id's first six bytes (the order's millisecond), so a
-- check-in finds the partition and the index range from the code alone. Codes are 128 random
-- bits besides: unique without a global unique index, which a partitioned table cannot have.
create table ticket (
    organizer_id   uuid not null,
    id             uuid not null,
    order_id       uuid not null,
    ticket_type_id uuid not null,
    event_id       uuid not null,
    code           text not null,
    checked_in_at  timestamptz,
    primary key (organizer_id, order_id, id),
    foreign key (organizer_id, order_id) references orders (organizer_id, id)
) partition by range (order_id);
create index ticket_code_idx on ticket (code, order_id);

create table orders_default partition of orders default;
create table order_item_default partition of order_item default;
create table ticket_default partition of ticket default;

select create_monthly_partitions(t, (select min(created_at) from migrating_v7.orders))
  from unnest(array['orders', 'order_item', 'ticket']) as t;

insert into orders select * from migrating_v7.orders;
insert into order_item select * from migrating_v7.order_item;
insert into ticket select * from migrating_v7.ticket;
drop schema migrating_v7 cascade;
