-- Articles as read, with the per-document analysis (`Prepared`) that does not depend on other
-- articles. One row per article id; `hash` is the content key (the document without its path).
CREATE TABLE articles (
    id            TEXT PRIMARY KEY NOT NULL,
    hash          TEXT NOT NULL,
    path          TEXT,
    document      TEXT NOT NULL,    -- kroniek_core::Document, JSON
    prepared      TEXT NOT NULL,    -- kroniek_core::pipeline::Prepared, JSON
    prepared_with TEXT NOT NULL,    -- analysis version and settings it was prepared with
    rev           INTEGER NOT NULL  -- the articles revision that last wrote it
) STRICT;

-- Counters: `articles_rev` goes up in every transaction that writes an article.
CREATE TABLE counters (
    name  TEXT PRIMARY KEY NOT NULL,
    value INTEGER NOT NULL
) STRICT;
INSERT INTO counters (name, value) VALUES ('articles_rev', 0), ('generation', 0);

-- Settings of the story (JSON values).
CREATE TABLE meta (
    key   TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL
) STRICT;

-- Collection-level results, derived from all articles: stale when `articles_rev`, `version` or
-- `settings` differ from the current ones.
CREATE TABLE derived (
    id           INTEGER PRIMARY KEY CHECK (id = 1),
    generation   INTEGER NOT NULL,
    articles_rev INTEGER NOT NULL,
    version      TEXT NOT NULL,
    settings     TEXT NOT NULL,
    articles     INTEGER NOT NULL,
    report       TEXT NOT NULL      -- kroniek.report/1 without texts, JSON
) STRICT;
