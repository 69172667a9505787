-- An actor's page and a timeline filtered by one actor count the actor's
-- events by kind, by day and by counterpart. Those counts read the kind,
-- date and actor ids of every event of the actor; through the events table
-- that is a lookup by text key per event (about 2 ms for an actor with 574
-- events, most of an actor page's time). event_actors now carries the
-- three columns and its timeline index covers them, so the counts read one
-- index range (about 0.2 ms for the same actor).

ALTER TABLE event_actors ADD COLUMN kind TEXT NOT NULL DEFAULT '';
ALTER TABLE event_actors ADD COLUMN date TEXT;
ALTER TABLE event_actors ADD COLUMN actor_ids TEXT NOT NULL DEFAULT '';

UPDATE event_actors SET (kind, date, actor_ids) =
    (SELECT e.kind, e.date, e.actor_ids FROM events e WHERE e.id = event_actors.event_id);

DROP INDEX event_actors_timeline;
CREATE INDEX event_actors_timeline ON event_actors(actor_id, sort_key, event_id, kind, date, actor_ids);
