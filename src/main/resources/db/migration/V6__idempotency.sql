-- Idempotency keys of POST /orders and POST /orders/{id}/pay, per account. A row is claimed
-- before the first request runs; later requests with the same key wait for it and replay its
-- outcome. The order row also carries the key that created it, written in the batch transaction,
-- so a crash between that commit and completing the claim still replays the order.
create table idempotency_key (
    account_id  uuid not null,
    key         text not null,
    fingerprint text not null,
    claimed_at  timestamptz not null,
    status      integer,
    order_id    uuid,
    problem     text,
    primary key (account_id, key)
);

alter table orders add column idempotency_key text;
create unique index orders_idempotency_key on orders (buyer_id, idempotency_key) where idempotency_key is not null;
