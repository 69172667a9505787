-- A full merge reads every mention in merge-group order, one group at a
-- time, so that memory holds one group whatever the corpus size. Through
-- an index on the group key alone, each mention is then a look-up by rowid
-- at a random place in the mentions table (evidence sentences make it the
-- largest table after articles), and those page reads were most of the
-- merge's time. The index now also carries what the merger reads of a
-- mention, so the whole read is one pass over one index.

DROP INDEX mentions_group;
CREATE INDEX mentions_group ON mentions(group_key, kind, date, precision, date_source, status, article_id, location);
