-- Each event's sales per UTC day, rolled up from orders by the recurring job sales-rollup (so the
-- organizer's daily figures cost one indexed read, however many orders there are). Gross sales
-- count on the day an order was confirmed; refunds on the day the order was refunded.
create table event_sales_daily (
    organizer_id   uuid not null,
    event_id       uuid not null,
    day            date not null,
    orders         integer not null,
    tickets        integer not null,
    revenue_cents  bigint not null,
    refunds        integer not null,
    refunded_cents bigint not null,
    rolled_up_at   timestamptz not null,
    primary key (organizer_id, event_id, day),
    foreign key (organizer_id, event_id) references event (organizer_id, id)
);

-- what the roll-up scans: the orders confirmed, and those refunded, in a day
create index orders_confirmed_at_idx on orders (confirmed_at) where confirmed_at is not null;
create index orders_refunded_at_idx on orders (closed_at) where status = 'REFUNDED';
