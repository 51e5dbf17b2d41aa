-- The foreign keys to orders (order items, tickets, payment attempts, refunds, disputes) check each
-- new row with "organizer_id = $1 and id = $2". For an organizer whose orders grew since the table
-- was last analyzed (a new organizer's first on-sale, a small one's big day) the planner estimates
-- its rows at about one, and orders_event_idx (organizer_id, event_id, status) then looked as cheap
-- as the primary key while being smaller (its keys repeat, so they deduplicate): it was chosen,
-- with id as a filter, and every order item checked read every order of the organizer. A flash
-- sale on the embedded server fell from about 4,000 to under 1,000 tickets/s that way, the
-- database spending 1 ms per ticket (OrderIndexTests, docs/performance.md). Keyed by the event
-- alone the index serves the same queries (an event belongs to one organizer, and they all name
-- both) and is no candidate for those checks.
drop index orders_event_idx;
create index orders_event_idx on orders (event_id, status);
