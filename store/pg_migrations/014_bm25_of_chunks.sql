-- Issue #16: a question's passages are scored by both retrievers (store/sql_store.py scored_by_both). The vector
-- search's hits that full-text search did not return need their BM25 too, so fts_bm25 takes the chunks to score:
-- `chunk_ids` (NULL: every chunk). With them, every query lexeme may match, not just the rare ones: the rows scored
-- are bounded by the array. The body of migration 011's fts_bm25 moves here; its six- and two-argument forms
-- call this one, so there is still one body to keep.
CREATE OR REPLACE FUNCTION fts_bm25(query_text text, k integer, since text, before text, host text, outlet text,
                                    chunk_ids bigint[])
RETURNS TABLE (id bigint, score double precision)
LANGUAGE plpgsql STABLE AS $$
DECLARE
    n_chunks double precision;
    avgdl double precision;
    lexes text[];
    dfs bigint[];
    score_sql text := '0';
    filter_sql text := '';
    article_sql text := '';
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
        IF i = 1 OR chunk_ids IS NOT NULL OR dfs[i] <= least(greatest(n_chunks * 0.02, 1000), 20000) THEN
            filter_sql := filter_sql || CASE WHEN i = 1 THEN '' ELSE ' | ' END || quote_literal(lexes[i]);
        END IF;
    END LOOP;
    IF chunk_ids IS NOT NULL THEN
        article_sql := article_sql || ' AND c.id = ANY($8)';
    END IF;
    IF since IS NOT NULL THEN
        article_sql := article_sql || ' AND a.published >= $4';
    END IF;
    IF before IS NOT NULL THEN
        article_sql := article_sql || ' AND a.published < $5';
    END IF;
    IF host IS NOT NULL THEN
        article_sql := article_sql || ' AND (lower((regexp_match(a.url, ''^[A-Za-z][A-Za-z0-9+.-]*://'
                       '([^/#\x3f]*@)*([^/:#\x3f@]+)''))[2]) = $6 OR lower((regexp_match(a.url, ''^[A-Za-z]'
                       '[A-Za-z0-9+.-]*://([^/#\x3f]*@)*([^/:#\x3f@]+)''))[2]) LIKE ''%.'' || $6)';
    END IF;
    IF outlet IS NOT NULL THEN
        article_sql := article_sql || ' AND lower(a.outlet) LIKE ''%'' || $7 || ''%'' ESCAPE ''\''';
    END IF;
    RETURN QUERY EXECUTE format(
        'SELECT c.id, (%s) * 2.2 / (1 + 1.2 * (0.25 + 0.75 * length(c.tsv) / $1)) AS score'
        ' FROM chunks c%s WHERE c.tsv @@ $2::tsquery%s ORDER BY score DESC, c.id LIMIT $3', score_sql,
        CASE WHEN since IS NULL AND before IS NULL AND host IS NULL AND outlet IS NULL THEN ''
             ELSE ' JOIN articles a ON a.id = c.article_id' END, article_sql)
        USING avgdl, filter_sql, k, since, before, host, outlet, chunk_ids;
END
$$;

CREATE OR REPLACE FUNCTION fts_bm25(query_text text, k integer, since text, before text, host text, outlet text)
RETURNS TABLE (id bigint, score double precision)
LANGUAGE sql STABLE AS $$
    SELECT * FROM fts_bm25(query_text, k, since, before, host, outlet, NULL::bigint[])
$$;

-- The BM25 of those of the chunks the words of query_text find.
CREATE OR REPLACE FUNCTION fts_bm25_of(query_text text, chunk_ids bigint[])
RETURNS TABLE (id bigint, score double precision)
LANGUAGE sql STABLE AS $$
    SELECT * FROM fts_bm25(query_text, coalesce(cardinality(chunk_ids), 0), NULL::text, NULL::text, NULL::text,
                           NULL::text, chunk_ids)
$$;
