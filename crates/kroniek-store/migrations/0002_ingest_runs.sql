-- One row per ingest run: an interrupted run keeps `finished_at` null.
CREATE TABLE ingest_runs (
    id          INTEGER PRIMARY KEY,
    started_at  INTEGER NOT NULL,   -- Unix seconds
    finished_at INTEGER,
    source      TEXT NOT NULL,      -- what ran it: cli, api
    submitted   INTEGER NOT NULL,
    added       INTEGER,
    replaced    INTEGER,
    unchanged   INTEGER
) STRICT;
