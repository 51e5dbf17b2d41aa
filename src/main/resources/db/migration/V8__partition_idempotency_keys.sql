-- Idempotency keys grow with every order: range-partition them by the month they were claimed in,
-- and expire them by dropping whole partitions once every key in them is past the retention
-- (boxoffice.orders.idempotency-retention, a day by default): no bulk deletes, no bloat.
-- A partitioned table cannot have a unique index on (account_id, key) alone (every unique index
-- must contain the partition key), so the application serializes the requests of one key with a
-- transaction-scoped advisory lock on it and looks the key up among the keys still retained
-- before it records one (see Idempotency.java); the primary key (account_id, key, claimed_at)
-- stays as a backstop.

create schema migrating_v8;
alter table idempotency_key set schema migrating_v8;

create table idempotency_key (
    account_id     uuid not null,
    key            text not null,
    fingerprint    text not null,
    claimed_at     timestamptz not null,
    status         integer,
    order_id       uuid,
    problem_slug   text,
    problem_detail text,
    primary key (account_id, key, claimed_at)
) partition by range (claimed_at);
create table idempotency_key_default partition of idempotency_key default;

select create_monthly_partitions('idempotency_key', (select min(claimed_at) from migrating_v8.idempotency_key));

insert into idempotency_key select * from migrating_v8.idempotency_key;
drop schema migrating_v8 cascade;
