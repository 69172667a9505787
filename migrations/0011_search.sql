-- Full-text search (issue 6) over the evidence sentences of mentions: an
-- FTS5 index over the rows already stored (external content: the text is
-- not stored twice), keyed by the mention id. Triggers keep it in step
-- with every insert and delete, the cascades from articles included.
-- (Whole article texts are not indexed: at 100,000 articles that cost
-- half again the ingest time; see bench/RESULTS.md.)

CREATE VIRTUAL TABLE mentions_fts USING fts5(
    evidence,
    content = 'mentions', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TRIGGER mentions_fts_insert AFTER INSERT ON mentions BEGIN
    INSERT INTO mentions_fts (rowid, evidence) VALUES (new.id, new.evidence);
END;
CREATE TRIGGER mentions_fts_delete AFTER DELETE ON mentions BEGIN
    INSERT INTO mentions_fts (mentions_fts, rowid, evidence) VALUES ('delete', old.id, old.evidence);
END;
CREATE TRIGGER mentions_fts_update AFTER UPDATE OF evidence ON mentions BEGIN
    INSERT INTO mentions_fts (mentions_fts, rowid, evidence) VALUES ('delete', old.id, old.evidence);
    INSERT INTO mentions_fts (rowid, evidence) VALUES (new.id, new.evidence);
END;

INSERT INTO mentions_fts (mentions_fts) VALUES ('rebuild');
