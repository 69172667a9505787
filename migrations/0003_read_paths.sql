-- Read paths that stay fast at 100,000 articles.
-- event_actors carries the event's sort key, so "events of this actor, in
-- timeline order" is one index range; events carry their merge group
-- (kind and actor key), so "the same event on other dates" is an index
-- look-up; actor_stats holds per-actor counts computed once per ingest.
ALTER TABLE event_actors ADD COLUMN sort_key TEXT NOT NULL DEFAULT '~';
CREATE INDEX event_actors_timeline ON event_actors(actor_id, sort_key, event_id);
ALTER TABLE events ADD COLUMN group_key TEXT NOT NULL DEFAULT '';
CREATE INDEX events_group ON events(group_key, date);
CREATE TABLE actor_stats (
    actor_id   TEXT PRIMARY KEY,
    events     INTEGER NOT NULL,
    first_seen TEXT,
    last_seen  TEXT
);
