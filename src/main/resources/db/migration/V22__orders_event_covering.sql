-- The organizer's stats add up an event's paid orders and count its disputed ones. At the seeds'
-- year-3 scale a big event has tens of thousands of orders, and each was read from the heap for
-- its total (the slowest statement of bench/mixed --plans, 100 ms on a cold cache): the index
-- now carries the total and the dispute time, so both are answered from the index alone.
drop index orders_event_idx;
create index orders_event_idx on orders (event_id, status) include (total_cents, disputed_at);
