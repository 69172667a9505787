-- Per-day counts, kept at ingest, so that facets of a timeline filtered by
-- date range and kind (but no actor) add up a few rows per day instead of
-- counting every event in the range. Keyed by the events' sort key: the
-- date of a dated event, '~' for undated ones.
CREATE TABLE day_kinds (
    sort_key TEXT NOT NULL,
    kind     TEXT NOT NULL,
    events   INTEGER NOT NULL,
    PRIMARY KEY (sort_key, kind)
) WITHOUT ROWID;

CREATE TABLE day_actors (
    sort_key TEXT NOT NULL,
    kind     TEXT NOT NULL,
    actor_id TEXT NOT NULL,
    events   INTEGER NOT NULL,
    PRIMARY KEY (sort_key, kind, actor_id)
) WITHOUT ROWID;

-- The same per month ('YYYY-MM', or '~'): a year of a busy timeline is a few
-- thousand month rows instead of tens of thousands of day rows.
CREATE TABLE month_actors (
    month    TEXT NOT NULL,
    kind     TEXT NOT NULL,
    actor_id TEXT NOT NULL,
    events   INTEGER NOT NULL,
    PRIMARY KEY (month, kind, actor_id)
) WITHOUT ROWID;
