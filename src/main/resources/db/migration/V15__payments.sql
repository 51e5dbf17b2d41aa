-- Payments as a state machine recorded in the database. Each attempt to charge an order is a row,
-- written and committed before the provider is called (no network call inside a transaction or
-- under a row lock) and settled by a second transaction once the outcome is known: from the
-- provider's answer, a webhook, or the reconciliation job that asks the provider about attempts
-- whose outcome is unknown (a timeout, a crash in between). Refunds are rows too, paid by jobs;
-- disputes are recorded as the provider reports them. All three live in the order's month, like
-- the order's items and tickets.

create table payment_attempt (
    organizer_id    uuid not null,
    order_id        uuid not null,
    attempt         integer not null check (attempt > 0),
    provider        text not null,
    payment_method  text not null,
    amount_cents    bigint not null check (amount_cents >= 0),
    currency        char(3) not null,
    status          text not null check (status in
                        ('STARTED', 'ACTION_REQUIRED', 'PROCESSING', 'SUCCEEDED', 'DECLINED', 'CANCELLED')),
    provider_ref    text,
    next_action_url text,
    failure         text,
    started_at      timestamptz not null,
    resolved_at     timestamptz,
    check ((resolved_at is null) = (status in ('STARTED', 'ACTION_REQUIRED', 'PROCESSING'))),
    primary key (organizer_id, order_id, attempt),
    foreign key (organizer_id, order_id) references orders (organizer_id, id)
) partition by range (order_id);
-- at most one attempt of an order is open (its outcome not known yet)
create unique index payment_attempt_open_key on payment_attempt (organizer_id, order_id) where resolved_at is null;
-- the reconciliation job and the unreconciled gauge: open attempts, oldest first
create index payment_attempt_open_idx on payment_attempt (started_at) where resolved_at is null;
-- a webhook names the provider's id of the charge
create index payment_attempt_ref_idx on payment_attempt (provider_ref) where provider_ref is not null;

create table refund (
    organizer_id  uuid not null,
    order_id      uuid not null,
    id            uuid not null,
    attempt       integer not null,
    amount_cents  bigint not null check (amount_cents > 0),
    currency      char(3) not null,
    reason        text not null check (reason in ('ORDER_CANCELLED', 'EVENT_CANCELLED', 'HOLD_RELEASED', 'PARTIAL')),
    status        text not null check (status in ('PENDING', 'SUCCEEDED', 'FAILED')),
    provider_ref  text,
    failure       text,
    created_at    timestamptz not null,
    completed_at  timestamptz,
    primary key (organizer_id, order_id, id),
    foreign key (organizer_id, order_id, attempt) references payment_attempt (organizer_id, order_id, attempt)
) partition by range (order_id);
create index refund_pending_idx on refund (created_at) where status = 'PENDING';

create table dispute (
    organizer_id  uuid not null,
    order_id      uuid not null,
    provider_ref  text not null,
    amount_cents  bigint not null,
    currency      char(3) not null,
    reason        text not null,
    status        text not null,
    opened_at     timestamptz not null,
    primary key (organizer_id, order_id, provider_ref),
    foreign key (organizer_id, order_id) references orders (organizer_id, id)
) partition by range (order_id);

-- a disputed order is flagged for its organizer
alter table orders add column disputed_at timestamptz;

create table payment_attempt_default partition of payment_attempt default;
create table refund_default partition of refund default;
create table dispute_default partition of dispute default;
select create_monthly_partitions(t, (select min(created_at) from orders))
  from unnest(array['payment_attempt', 'refund', 'dispute']) as t;

-- The payments made before this migration, as first attempts that succeeded, and their refunds:
-- paid back (refund_paid_at), or still owed (their pending refund jobs pay them).
insert into payment_attempt (organizer_id, order_id, attempt, provider, payment_method, amount_cents, currency,
                             status, provider_ref, started_at, resolved_at)
select organizer_id, id, 1, case when payment_method like 'test\_%' then 'test' else 'stripe' end,
       payment_method, total_cents, currency, 'SUCCEEDED', payment_ref, confirmed_at, confirmed_at
  from orders
 where payment_method is not null and confirmed_at is not null;
insert into refund (organizer_id, order_id, id, attempt, amount_cents, currency, reason, status, created_at,
                    completed_at)
select organizer_id, id, gen_random_uuid(), 1, total_cents, currency, 'ORDER_CANCELLED',
       case when refund_paid_at is null then 'PENDING' else 'SUCCEEDED' end,
       coalesce(closed_at, now()), refund_paid_at
  from orders
 where status = 'REFUNDED' and payment_method is not null and total_cents > 0;
alter table orders drop column refund_paid_at;

-- Each event a payment provider sent to the webhook, once: a duplicate delivery is recognized here.
create table payment_provider_event (
    provider     text not null,
    id           text not null,
    type         text not null,
    received_at  timestamptz not null,
    primary key (provider, id)
);
create index payment_provider_event_received_idx on payment_provider_event (received_at);
