-- Orders: holds and confirmed purchases. Organizer-owned like the catalog (the event's organizer
-- leads every key), so an event's orders live with its ticket types on one future shard.
-- The inventory counters stay on ticket_type (held, sold, CHECK held + sold <= quota): the
-- orders module is their only writer.
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
);
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
);

create table ticket (
    organizer_id   uuid not null,
    id             uuid not null,
    order_id       uuid not null,
    ticket_type_id uuid not null,
    event_id       uuid not null,
    code           text not null,
    checked_in_at  timestamptz,
    primary key (organizer_id, id),
    foreign key (organizer_id, order_id) references orders (organizer_id, id)
);
create unique index ticket_code_key on ticket (code);
create index ticket_order_idx on ticket (organizer_id, order_id);
