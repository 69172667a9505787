-- Single names an article gives in a speaker's place ("Ames said") that
-- resolved to nobody when it was read. When a later ingest discovers a
-- person of that surname in another article, the articles listed here
-- under the surname are read again, so that "Ames" becomes that person
-- whatever order the articles came in. Rows go with their article.
CREATE TABLE article_unknown_names (
    name_key   TEXT NOT NULL,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    PRIMARY KEY (name_key, article_id)
) WITHOUT ROWID;
CREATE INDEX article_unknown_names_article ON article_unknown_names (article_id);
