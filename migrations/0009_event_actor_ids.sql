-- Each event carries the ids of its actors in order (space-separated), so a
-- page of events, and the facet counts of a filtered timeline, read one row
-- per event instead of joining event_actors and actors for every row.
-- event_actors stays: it is the index from an actor to its events. Names
-- and kinds are looked up by id when a page is read (the readers keep them
-- until the database changes), so they are never stale here.
ALTER TABLE events ADD COLUMN actor_ids TEXT NOT NULL DEFAULT '';
UPDATE events SET actor_ids = COALESCE(
    (SELECT group_concat(ea.actor_id, ' ' ORDER BY ea.pos) FROM event_actors ea WHERE ea.event_id = events.id), '');
