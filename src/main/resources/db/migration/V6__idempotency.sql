-- Idempotency keys of POST /orders and POST /orders/{id}/pay, per account, with the outcome of
-- the first request: the order it created or paid, or the refusal it got (status, problem slug
-- and detail). POST /orders records its keys inside the reservation batch's transaction, with the
-- orders themselves; a payment claims its key first (status null while it runs).
create table idempotency_key (
    account_id     uuid not null,
    key            text not null,
    fingerprint    text not null,
    claimed_at     timestamptz not null,
    status         integer,
    order_id       uuid,
    problem_slug   text,
    problem_detail text,
    primary key (account_id, key)
);
