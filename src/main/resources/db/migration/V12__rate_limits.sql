-- Token buckets of the rate limits, shared by every node (Bucket4j's PostgreSQL store, one row
-- per tier, class and client). A row may be removed once its bucket has been full for a minute:
-- expires_at is epoch milliseconds, written by Bucket4j; the rate-limit-expiry job deletes past ones.
create table rate_limit_bucket (
    id text primary key,
    state bytea,
    expires_at bigint
);

create index rate_limit_bucket_expires_at on rate_limit_bucket (expires_at);
