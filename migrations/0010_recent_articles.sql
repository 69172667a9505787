-- The Atom feed lists the events of the most recently ingested articles:
-- newest first along this index instead of sorting every article.
CREATE INDEX articles_ingested ON articles(ingested_at);
