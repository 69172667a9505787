-- Full-text search over whole article texts (issue 6), built in the
-- background so that an ingest does not pay for it.
--
-- Indexing 100,000 whole texts as they are written cost half again the
-- ingest time (bench/RESULTS.md), so the ingest only leaves a trace of
-- what changed and `readout serve` fills the index in batches:
--
-- * articles_fts indexes title and body with the text read from
--   `articles` (external content: stored once). Its rowids are the
--   articles' rowids.
-- * search_state.upto: every article with a rowid at or below it has been
--   seen by the indexer; articles above it are new and wait for it.
-- * search_queue: rowids at or below `upto` written since (a changed
--   article is deleted and written again, possibly under a rowid the
--   indexer has passed) that wait to be indexed.
--
-- Invariant: an article is in articles_fts exactly when its rowid is at or
-- below `upto` and not in search_queue. The triggers keep it when rows
-- change: a removed article leaves the index at once (its old text is at
-- hand in the trigger, which FTS5 needs to remove it), unless it never got
-- there. Nothing else writes these tables but the indexer
-- (`Writer::index_articles`).

CREATE VIRTUAL TABLE articles_fts USING fts5(
    title, body,
    content = 'articles', content_rowid = 'rowid',
    tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TABLE search_state (
    id   INTEGER PRIMARY KEY CHECK (id = 1),
    upto INTEGER NOT NULL
);
INSERT INTO search_state (id, upto) VALUES (1, 0);

CREATE TABLE search_queue (
    article_rowid INTEGER PRIMARY KEY
);

CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles
WHEN new.rowid <= (SELECT upto FROM search_state) BEGIN
    INSERT OR IGNORE INTO search_queue (article_rowid) VALUES (new.rowid);
END;

CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles
WHEN old.rowid <= (SELECT upto FROM search_state) BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, body)
        SELECT 'delete', old.rowid, old.title, old.body
        WHERE NOT EXISTS (SELECT 1 FROM search_queue WHERE article_rowid = old.rowid);
    DELETE FROM search_queue WHERE article_rowid = old.rowid;
END;

CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, body ON articles
WHEN old.rowid <= (SELECT upto FROM search_state) BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, body)
        SELECT 'delete', old.rowid, old.title, old.body
        WHERE NOT EXISTS (SELECT 1 FROM search_queue WHERE article_rowid = old.rowid);
    INSERT OR IGNORE INTO search_queue (article_rowid) VALUES (new.rowid);
END;

-- Ranking: BM25 with a word in the title worth four in the body.
INSERT INTO articles_fts (articles_fts, rank) VALUES ('rank', 'bm25(4.0, 1.0)');
