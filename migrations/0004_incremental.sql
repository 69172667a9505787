-- Incremental merging: each mention records its merge group (kind and actor
-- key), so that an ingest re-merges only the groups it touched.
ALTER TABLE mentions ADD COLUMN group_key TEXT NOT NULL DEFAULT '';
CREATE INDEX mentions_group ON mentions(group_key);
CREATE INDEX mentions_kind_date ON mentions(kind, date);
CREATE INDEX mention_actors_actor ON mention_actors(actor_id);
