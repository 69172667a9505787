-- Readout schema, version 1.
-- Articles and mentions are what extraction produced; events are derived
-- from mentions by the merger and rebuilt whenever mentions change.

CREATE TABLE articles (
    id            TEXT PRIMARY KEY,      -- stable slug of the file name
    path          TEXT NOT NULL UNIQUE,  -- path as given at ingest
    hash          TEXT NOT NULL,         -- SHA-256 of the file's bytes
    size          INTEGER NOT NULL,
    mtime         INTEGER,               -- nanoseconds since the epoch
    title         TEXT NOT NULL,
    published     TEXT,                  -- YYYY-MM-DD from the date line
    inferred_date TEXT,                  -- YYYY-MM-DD inferred from the text
    date_note     TEXT,                  -- how the date was inferred, or why the date line was ignored
    body          TEXT NOT NULL,         -- evidence offsets point into this
    sentences     INTEGER NOT NULL,
    ingested_at   TEXT NOT NULL
);

CREATE TABLE actors (
    id          TEXT PRIMARY KEY,        -- slug
    name        TEXT NOT NULL,
    kind        TEXT NOT NULL,           -- person | office | state | organization | outlet
    role        TEXT,
    country     TEXT,
    affiliation TEXT,                    -- id of the office a person speaks for
    discovered  INTEGER NOT NULL         -- 1 when found in text, 0 when from the actor book
);

CREATE TABLE actor_aliases (
    actor_id TEXT NOT NULL REFERENCES actors(id) ON DELETE CASCADE,
    alias    TEXT NOT NULL,
    PRIMARY KEY (actor_id, alias)
);

CREATE TABLE mentions (
    id          INTEGER PRIMARY KEY,
    article_id  TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    kind        TEXT NOT NULL,
    date        TEXT,
    precision   TEXT,
    date_source TEXT NOT NULL,           -- stated | anchored | article | unknown
    status      TEXT NOT NULL,           -- held | planned
    sent_start  INTEGER NOT NULL,        -- byte offsets into articles.body
    sent_end    INTEGER NOT NULL,
    trig_start  INTEGER NOT NULL,
    trig_end    INTEGER NOT NULL,
    evidence    TEXT NOT NULL,
    quote       TEXT
);
CREATE INDEX mentions_article ON mentions(article_id);

CREATE TABLE mention_actors (
    mention_id INTEGER NOT NULL REFERENCES mentions(id) ON DELETE CASCADE,
    pos        INTEGER NOT NULL,
    actor_id   TEXT NOT NULL,
    PRIMARY KEY (mention_id, pos)
);

CREATE TABLE events (
    id          TEXT PRIMARY KEY,        -- stable, readable: 2025-05-19-call-a-b
    kind        TEXT NOT NULL,
    date        TEXT,
    precision   TEXT,
    sort_key    TEXT NOT NULL,           -- date, or '~' for undated (sorts last)
    date_source TEXT NOT NULL,
    status      TEXT NOT NULL,
    title       TEXT NOT NULL,
    n_articles  INTEGER NOT NULL,
    n_mentions  INTEGER NOT NULL
);
CREATE INDEX events_sort ON events(sort_key, id);
CREATE INDEX events_kind ON events(kind, sort_key, id);
CREATE INDEX events_date ON events(date);

CREATE TABLE event_actors (
    event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    pos      INTEGER NOT NULL,
    actor_id TEXT NOT NULL,
    PRIMARY KEY (event_id, pos)
);
CREATE INDEX event_actors_actor ON event_actors(actor_id, event_id);

CREATE TABLE event_mentions (
    event_id   TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    mention_id INTEGER NOT NULL REFERENCES mentions(id) ON DELETE CASCADE,
    PRIMARY KEY (event_id, mention_id)
);
CREATE INDEX event_mentions_mention ON event_mentions(mention_id);
