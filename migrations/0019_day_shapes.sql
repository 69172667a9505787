-- The histogram draws planned events apart from held ones, and events
-- known only to the week or month over their span (issue 20). The counts
-- it reads must know both.
-- * event_actors carries each event's precision and status, like its kind
--   and date (0009), so an actor's histogram is still read from its index
--   range alone.
-- * day_shapes counts, per sort key and kind, the events that are not
--   held events of a known day: planned ones and week or month ones. They
--   are few; day_kinds still counts every event, so the held day events
--   of a day are its day_kinds count less these.
ALTER TABLE event_actors ADD COLUMN precision TEXT;
ALTER TABLE event_actors ADD COLUMN status TEXT NOT NULL DEFAULT 'held';
UPDATE event_actors SET (precision, status) =
    (SELECT e.precision, e.status FROM events e WHERE e.id = event_actors.event_id);
DROP INDEX event_actors_timeline;
CREATE INDEX event_actors_timeline ON event_actors(actor_id, sort_key, event_id, kind, date, actor_ids, precision, status);

CREATE TABLE day_shapes (
    sort_key  TEXT NOT NULL,
    kind      TEXT NOT NULL,
    precision TEXT NOT NULL,
    status    TEXT NOT NULL,
    events    INTEGER NOT NULL,
    PRIMARY KEY (sort_key, kind, precision, status)
) WITHOUT ROWID;
INSERT INTO day_shapes (sort_key, kind, precision, status, events)
    SELECT sort_key, kind, precision, status, COUNT(*) FROM events
    WHERE date IS NOT NULL AND (precision != 'day' OR status != 'held')
    GROUP BY sort_key, kind, precision, status;
