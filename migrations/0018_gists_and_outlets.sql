-- What a list row shows of an event, and where its sources come from
-- (issue 20).
-- * mentions.gist: the words of the evidence sentence that tell what
--   happened, actor names marked; mentions.rank: how directly the sentence
--   reports the event (0 to 9), which orders evidence on the event page.
-- * articles.outlet: the outlet named by the file (HTML site name, JSONL
--   source or URL host) or credited in the text ("(AP)"); mentions.outlet
--   copies it so that merging reads it with the mention.
-- * events.gist: the gist of the event's lead mention, chosen at merge
--   time; events.outlets: its articles' outlets, sorted, one a line.
ALTER TABLE articles ADD COLUMN outlet TEXT;
ALTER TABLE mentions ADD COLUMN gist TEXT NOT NULL DEFAULT '';
ALTER TABLE mentions ADD COLUMN rank INTEGER NOT NULL DEFAULT 0;
ALTER TABLE mentions ADD COLUMN outlet TEXT;
ALTER TABLE events ADD COLUMN gist TEXT NOT NULL DEFAULT '';
ALTER TABLE events ADD COLUMN outlets TEXT NOT NULL DEFAULT '';
-- Mentions stored before this carry no gist: every file is read and
-- extracted again on the next ingest (size, time and hash no longer match).
UPDATE articles SET hash = '', mtime = NULL;
