-- The source URL of an article, where its file gives one (an .html page's
-- canonical link, a .jsonl line's url).
ALTER TABLE articles ADD COLUMN url TEXT;
