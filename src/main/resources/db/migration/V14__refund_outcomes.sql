-- A refund's money moves after the refund commits (a job asks the payment provider); the job
-- records here when the provider accepted it, so a job run again after that moves nothing twice.
alter table orders add column refund_paid_at timestamptz;
