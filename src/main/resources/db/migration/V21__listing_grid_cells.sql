-- near= on a big city: the events in a circle, soonest first. The location index finds every
-- event in the circle's box (150,000 around London at the seeds' year-3 scale), and all of them
-- were sorted by date for a page of 20. Each event now carries the cell of a 0.5-degree grid it
-- lies in, and an index on (cell, starts_at, event_id) reads each cell the box touches in date
-- order, a page at most from each (Listings.cells).
alter table event_listing add column cell integer generated always as (
    floor((latitude + 90) / 0.5)::integer * 1000 + floor((longitude + 180) / 0.5)::integer) stored;
create index event_listing_cell_idx on event_listing (cell, starts_at, event_id);
