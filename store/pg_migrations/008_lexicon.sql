-- PostgreSQL only (SQLite's FTS5 keeps its own statistics; no SQLite migration has this number): how many
-- chunks hold each lexeme, and the chunk and lexeme totals, so full-text ranking can weigh rare words as
-- BM25 does (ts_rank has no idf: on XQuAD it put the right paragraph first for 0.757 of questions, BM25 0.927).
CREATE TABLE lexemes (
    lexeme text PRIMARY KEY,
    df bigint NOT NULL
);
INSERT INTO counters VALUES ('fts_chunks', 0), ('fts_lexemes', 0);
INSERT INTO lexemes (lexeme, df)
    SELECT word, count(*) FROM chunks, unnest(tsvector_to_array(tsv)) AS word GROUP BY word;
UPDATE counters SET value = (SELECT count(*) FROM chunks) WHERE name = 'fts_chunks';
UPDATE counters SET value = (SELECT coalesce(sum(length(tsv)), 0) FROM chunks) WHERE name = 'fts_lexemes';
