-- Idempotency keys expire after boxoffice.orders.idempotency-retention (a day by default, as
-- Stripe's do): the orders module's housekeeping deletes older ones in small batches, so the table
-- holds about a day of keys however long Boxoffice runs. It is not partitioned by time like the
-- orders: a key's uniqueness per account needs a unique index on (account_id, key), and
-- PostgreSQL requires every unique index of a partitioned table to contain the partition key.
create index idempotency_key_claimed_idx on idempotency_key (claimed_at);
