-- Corrections and notes (issue 21). The data folder's corrections.toml is
-- the truth; this is its mirror, written at each ingest that reads the
-- folder, and what the last refresh made of each entry.
CREATE TABLE corrections (
    n          INTEGER PRIMARY KEY,   -- the entry's number in the file
    target     TEXT NOT NULL,         -- event | actor | note
    change     TEXT NOT NULL,         -- hide, date, kind, status, add_actor, remove_actor, merge, rename, set, not_actor, note
    made       TEXT NOT NULL,         -- RFC 3339
    made_by    TEXT,
    subject    TEXT NOT NULL,         -- the event or actor id it names
    title      TEXT NOT NULL,         -- what it was called then
    entry      TEXT NOT NULL,         -- the whole entry, as JSON
    applied_to TEXT,                  -- the event or actor it applied to at the last refresh; NULL: orphaned
    groups     TEXT NOT NULL DEFAULT ''  -- merge groups it touched, space separated: merged again when it goes
);

-- Stars, notes and tags, as the notes of the file leave them.
CREATE TABLE event_notes (
    event_id TEXT PRIMARY KEY,
    star     INTEGER NOT NULL DEFAULT 0,
    note     TEXT
) WITHOUT ROWID;
CREATE TABLE event_tags (
    tag      TEXT NOT NULL,
    event_id TEXT NOT NULL,
    PRIMARY KEY (tag, event_id)
) WITHOUT ROWID;
CREATE INDEX event_tags_event ON event_tags (event_id);

-- Whether the file could be read at the last ingest (problem NULL) and
-- what it said otherwise.
CREATE TABLE corrections_state (
    id      INTEGER PRIMARY KEY CHECK (id = 1),
    problem TEXT
);
