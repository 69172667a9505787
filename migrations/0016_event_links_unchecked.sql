-- event_actors and event_mentions are derived from the mentions by the
-- merge, which writes them with their events and deletes them with their
-- events (store.rs: every DELETE FROM events deletes its links first).
-- Their foreign keys were checked row by row as a full merge copied them
-- in key order: a look-up of the event, and of the mention, for each of
-- hundreds of thousands of rows, most of that copy's time. Same columns,
-- same keys and indexes, without the REFERENCES clauses.

CREATE TABLE event_actors_new (
    event_id  TEXT NOT NULL,
    pos       INTEGER NOT NULL,
    actor_id  TEXT NOT NULL,
    sort_key  TEXT NOT NULL DEFAULT '~',
    kind      TEXT NOT NULL DEFAULT '',
    date      TEXT,
    actor_ids TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (event_id, pos)
) WITHOUT ROWID;
INSERT INTO event_actors_new (event_id, pos, actor_id, sort_key, kind, date, actor_ids)
    SELECT event_id, pos, actor_id, sort_key, kind, date, actor_ids FROM event_actors;
DROP TABLE event_actors;
ALTER TABLE event_actors_new RENAME TO event_actors;
CREATE INDEX event_actors_timeline ON event_actors(actor_id, sort_key, event_id, kind, date, actor_ids);

CREATE TABLE event_mentions_new (
    event_id   TEXT NOT NULL,
    mention_id INTEGER NOT NULL,
    PRIMARY KEY (event_id, mention_id)
) WITHOUT ROWID;
INSERT INTO event_mentions_new (event_id, mention_id) SELECT event_id, mention_id FROM event_mentions;
DROP TABLE event_mentions;
ALTER TABLE event_mentions_new RENAME TO event_mentions;
CREATE INDEX event_mentions_mention ON event_mentions(mention_id);
