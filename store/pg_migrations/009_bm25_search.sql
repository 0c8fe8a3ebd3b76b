-- PostgreSQL only: full-text search as one server-side function, so a question's lexical search is planned
-- with its own words (dynamic SQL) and still travels in the same statement as its vector search.
-- The candidates are the chunks holding a rare query word (document frequency at most 2% of chunks, at most
-- 20,000, and always the rarest word), so the rows scored stay bounded as the index grows: at 1M chunks a
-- word like "say" matched a third of them and scoring every match took over a second; a chunk holding only
-- common words scores low and is seldom wanted.
CREATE OR REPLACE FUNCTION fts_bm25(query_text text, k integer)
RETURNS TABLE (id bigint, score double precision)
LANGUAGE plpgsql STABLE AS $$
DECLARE
    n_chunks double precision;
    avgdl double precision;
    lexes text[];
    dfs bigint[];
    score_sql text := '0';
    filter_sql text := '';
BEGIN
    SELECT max(value) FILTER (WHERE name = 'fts_chunks'),
           greatest(max(value) FILTER (WHERE name = 'fts_lexemes')::float8
                    / greatest(max(value) FILTER (WHERE name = 'fts_chunks'), 1), 1)
      INTO n_chunks, avgdl FROM counters;
    SELECT array_agg(l.lexeme ORDER BY l.df, l.lexeme), array_agg(l.df ORDER BY l.df, l.lexeme) INTO lexes, dfs
      FROM lexemes l WHERE l.df > 0 AND l.lexeme = ANY(tsvector_to_array(to_tsvector('english', query_text)));
    IF lexes IS NULL THEN
        RETURN;
    END IF;
    FOR i IN 1 .. array_length(lexes, 1) LOOP
        score_sql := score_sql || format(' + CASE WHEN c.tsv @@ %L::tsquery THEN %s ELSE 0 END',
                                         quote_literal(lexes[i]), ln(1 + (n_chunks - dfs[i] + 0.5) / (dfs[i] + 0.5)));
        IF i = 1 OR dfs[i] <= least(greatest(n_chunks * 0.02, 1000), 20000) THEN
            filter_sql := filter_sql || CASE WHEN i = 1 THEN '' ELSE ' | ' END || quote_literal(lexes[i]);
        END IF;
    END LOOP;
    RETURN QUERY EXECUTE format(
        'SELECT c.id, (%s) * 2.2 / (1 + 1.2 * (0.25 + 0.75 * length(c.tsv) / $1)) AS score'
        ' FROM chunks c WHERE c.tsv @@ $2::tsquery ORDER BY score DESC, c.id LIMIT $3', score_sql)
        USING avgdl, filter_sql, k;
END
$$;
