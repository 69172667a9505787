-- Articles without a published date are re-evaluated after every change;
-- find them without scanning every article's text.
CREATE INDEX articles_undated ON articles(id) WHERE published IS NULL;
