-- Events per kind, computed once per ingest for the unfiltered timeline's facets.
CREATE TABLE kind_stats (
    kind   TEXT PRIMARY KEY,
    events INTEGER NOT NULL
);
