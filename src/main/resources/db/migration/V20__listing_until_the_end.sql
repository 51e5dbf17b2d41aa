-- The listing holds events until they end, no longer: it is what buyers browse, and at three
-- years of data five in six of its rows were events already over, which every text and distance
-- search read, filtered out and threw away (docs/queries.md, at the seeds' year-3 scale). The
-- listing-expiry job removes events as they end, by this index; the ended ones go now.
delete from event_listing where ends_at < now();
create index event_listing_ends_idx on event_listing (ends_at);

-- The organizer's stats count an event's tickets checked in: the tickets of one event, found by
-- the event, not every ticket of its organizer (a national promoter's millions).
create index ticket_event_checked_in_idx on ticket (event_id) where checked_in_at is not null;
