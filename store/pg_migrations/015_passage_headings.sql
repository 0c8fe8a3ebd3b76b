-- Issue #16: full-text search reads each passage under its article's heading, as the vectors do (core/passages.py;
-- store/migrations.py m012 says the same for SQLite). The heading is kept with each chunk, the generated tsvector
-- covers both (PostgreSQL 17's SET EXPRESSION rewrites the column and its GIN index), and the lexicon that BM25
-- weighs words by (migration 008) is counted again from the new vectors.
ALTER TABLE chunks ADD COLUMN heading text NOT NULL DEFAULT '';
UPDATE chunks c SET heading = a.title FROM articles a WHERE a.id = c.article_id;
ALTER TABLE chunks ALTER COLUMN tsv SET EXPRESSION AS (to_tsvector('english', heading || '. ' || text));
TRUNCATE lexemes;
INSERT INTO lexemes (lexeme, df)
    SELECT word, count(*) FROM chunks, unnest(tsvector_to_array(tsv)) AS word GROUP BY word;
UPDATE counters SET value = (SELECT count(*) FROM chunks) WHERE name = 'fts_chunks';
UPDATE counters SET value = (SELECT coalesce(sum(length(tsv)), 0) FROM chunks) WHERE name = 'fts_lexemes';
