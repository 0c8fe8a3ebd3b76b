"""What both stores do in the same SQL: reading articles, passages, turns and people, deleting, figures.

store.sqlite.Store and store.postgres.PostgresStore add what each engine does its own way: writing an
article with its vectors, full-text and vector search, and the shingle lookup of near-duplicates.
"""
from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Sequence

import numpy as np

from nlp.same_story import samples_overlap, shingle_hashes, shingle_sample
from nlp.transcript import Turn
from nlp.words import STOPWORDS
from store.records import (
    Article,
    ArticleFilter,
    ArticleMention,
    ArticleToCheck,
    NewArticle,
    Passage,
    PersonCheck,
    QuotedMention,
)
from store.sql import Sql, first, marks
from store.timestamps import now_iso


class ArticleNotFound(Exception):
    pass


FTS_MAX_TERMS = 32


def search_words(text: str) -> list[str]:
    """The words of user text a full-text search looks for, on either engine: lower-case, no stopwords, each
    once, at most FTS_MAX_TERMS."""
    words = [w for w in re.findall(r"\w+", text.lower()) if w not in STOPWORDS]
    return list(dict.fromkeys(words))[:FTS_MAX_TERMS]


class Marks:
    """Placeholders for values added to a statement one at a time: `?` with a list (store.sql), or psycopg's
    `%(fN)s` with a dict (PostgreSQL's search statements)."""

    def __init__(self, named: bool = False) -> None:
        self.values: list | dict = {} if named else []

    def __call__(self, value: object) -> str:
        if isinstance(self.values, dict):
            name = f"f{len(self.values)}"
            self.values[name] = value
            return f"%({name})s"
        self.values.append(value)
        return "?"


def like_escaped(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def article_condition(where: ArticleFilter | None, host_sql: str, mark: Marks) -> str:
    """The SQL condition on articles (alias `a`) that keeps those the filter allows; host_sql is this engine's
    expression for the lower-case host of `a.url`."""
    if where is None:
        return "1 = 1"
    conditions = []
    if where.since:
        conditions.append(f"a.published >= {mark(where.since)}")
    if where.before:
        conditions.append(f"a.published < {mark(where.before)}")
    if where.source:
        host = host_sql
        conditions.append(f"({host} = {mark(where.source)} OR {host} LIKE {mark('%.' + where.source)})")
    if where.outlet:
        conditions.append(f"lower(a.outlet) LIKE {mark('%' + like_escaped(where.outlet.lower()) + '%')}"
                          " ESCAPE '\\'")
    return " AND ".join(conditions) or "1 = 1"


ARTICLE_COLUMNS = "a.id, a.title, a.outlet, a.url, a.path, a.published, a.indexed_at, a.story_id"

# how many names opening with the given name `c.given` NER read as a person somewhere, and how many never
GIVEN_PEOPLE = "(SELECT count(DISTINCT g.person_id) FROM person_checks g WHERE g.given = c.given AND g.as_person > 0)"
GIVEN_OTHERS = ("(SELECT count(DISTINCT g.person_id) FROM person_checks g WHERE g.given = c.given AND NOT EXISTS"
                " (SELECT 1 FROM person_checks h WHERE h.person_id = g.person_id AND h.as_person > 0))")


# A name the people check read in some article and never took for a person there (alias `p` for people), unless
# its first word is a given name: that of two people NER read as people ("Philip Green", read once as an ORG), and
# of no fewer names NER never read as one ("My Family", "Golden Bear", "St Andrews" open more non-people than
# people). A name whose usage somewhere says it is a thing (is_person -1: "film Vera Drake", "James Hardie
# chairwoman") is rejected whatever else NER read. Each rule was chosen on the tune half of the labelled sample
# (bench/people_ner.py). A name not checked yet is not rejected: it is answered as before until the check reaches it.
REJECTED = ("(EXISTS (SELECT 1 FROM person_checks c WHERE c.person_id = p.id)"
            " AND (EXISTS (SELECT 1 FROM person_checks c WHERE c.person_id = p.id AND c.is_person < 0)"
            " OR NOT EXISTS (SELECT 1 FROM person_checks c WHERE c.person_id = p.id AND c.is_person = 1)"
            " AND NOT EXISTS (SELECT 1 FROM person_checks c WHERE c.person_id = p.id AND c.given IS NOT NULL AND"
            f"  {GIVEN_PEOPLE} >= 2 AND {GIVEN_PEOPLE} >= {GIVEN_OTHERS})))")
NOT_REJECTED = f"NOT {REJECTED}"
# what the check reads: articles that name someone (a repeat of a story names only those the story does not)
TO_CHECK = "EXISTS (SELECT 1 FROM mentions m WHERE m.article_id = a.id)"


def article_of(row: dict) -> Article:
    return Article(row["id"], row["title"], row["outlet"], row["url"], row["path"], row["published"],
                   row["indexed_at"], row["story_id"])


def scored_by_both(lexical: list[tuple[int, float]], dense: list[tuple[int, float]],
                   bm25_of: Callable[[list[int]], list[tuple[int, float]]],
                   cosines_of: Callable[[list[int]], list[tuple[int, float]]]
                   ) -> tuple[list[tuple[int, float]], list[tuple[int, float]]]:
    """Each retriever's list, best first, with its score for every passage the other found too. A passage the
    words rank first and the vectors place 94th had no cosine in the fused score, and fell out of the top
    passages a question reads (README "Quality": retrieval that scores both ways)."""
    in_lexical, in_dense = {c for c, _ in lexical}, {c for c, _ in dense}
    lexical = lexical + (bm25_of([c for c, _ in dense if c not in in_lexical]) if lexical else [])
    dense = dense + cosines_of([c for c, _ in lexical if c not in in_dense])
    return sorted(lexical, key=lambda hit: -hit[1]), sorted(dense, key=lambda hit: -hit[1])


class SqlStore:
    """The backend-neutral half of the Storage interface, on `self.sql`."""

    ArticleNotFound = ArticleNotFound
    ARTICLE_COLUMNS = ARTICLE_COLUMNS
    HOST_SQL = ""  # this engine's expression for the lower-case host of a.url (source: filters)
    sql: Sql
    _per_version: dict

    # -- writing -------------------------------------------------------------------------

    def find_source(self, source_key: str) -> tuple[int, str] | None:
        """(article id, content hash) already stored for this path or URL."""
        row = first(self.sql, "SELECT id, content_hash FROM articles WHERE source_key = ?", [source_key])
        return (row["id"], row["content_hash"]) if row else None

    def _insert_article(self, article: NewArticle, story_id: int | None = None) -> int:
        return int(first(self.sql,
            "INSERT INTO articles (source_key, title, outlet, url, path, published, content_hash, body, indexed_at,"
            " story_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
            [article.source_key, article.title, article.outlet, article.url, article.path,
             article.published, article.content_hash, article.body, now_iso(), story_id])["id"])

    @staticmethod
    def _checked_sample(article: NewArticle, chunks: Sequence[object], vectors: np.ndarray,
                        sample: Iterable[int] | None) -> Iterable[int]:
        """Before an article is written: one vector per chunk, and its shingle sample (computed if not given)."""
        if len(chunks) != len(vectors):
            raise ValueError(f"{len(chunks)} chunks but {len(vectors)} vectors")
        return shingle_sample(shingle_hashes(article.body)) if sample is None else sample

    def _remove_replaced(self, source_key: str) -> list[int]:
        """Delete the article stored for this source before its new version is written; the ids of the sources
        that repeated its story, detached until `_reattach` points them at the new version."""
        old = self.find_source(source_key)
        if not old:
            return []
        followers = [r["id"] for r in self.sql.query("SELECT id FROM articles WHERE story_id = ?", [old[0]])]
        self.sql.execute("UPDATE articles SET story_id = NULL WHERE story_id = ?", [old[0]])
        self._delete_article(old[0])
        return followers

    def _reattach(self, followers: list[int], story_id: int) -> None:
        if followers:
            self.sql.execute(f"UPDATE articles SET story_id = ? WHERE id IN ({marks(followers)})",
                             [story_id, *followers])

    def add_source(self, article: NewArticle, story_id: int, mentions: Iterable[ArticleMention] = ()) -> int:
        """Keep an article that repeats a stored story as one more source of it (no chunks: cited once), with the
        people it names in sentences the story lacks (an update's "Assistant information commissioner Phil Jones
        said …"): who-is finds them there."""
        with self.sql.transaction():
            old = self.find_source(article.source_key)
            if old:
                self._delete_article(old[0])
            article_id = self._insert_article(article, story_id)
            self._insert_mentions(article_id, mentions)
            return article_id

    def _insert_mentions(self, article_id: int, mentions: Iterable[ArticleMention]) -> None:
        """The people an article names, each stored once by name, with the role and sentence of each mention (inside
        the caller's transaction: add_article and add_source on both engines)."""
        for mention in mentions:
            self.sql.execute("INSERT INTO people (name) VALUES (?) ON CONFLICT (name) DO NOTHING", [mention.name])
            self.sql.execute("INSERT INTO mentions (person_id, article_id, role, sentence_start, sentence_end)"
                             " SELECT id, ?, ?, ?, ? FROM people WHERE name = ?",
                             [article_id, mention.role, mention.sentence_start, mention.sentence_end, mention.name])

    def delete_article(self, article_id: int) -> None:
        """Remove an article, everything derived from it, and the sources that only repeated it."""
        with self.sql.transaction():
            for row in self.sql.query("SELECT id FROM articles WHERE story_id = ?", [article_id]):
                self._delete_article(row["id"])
            self._delete_article(article_id)

    def _delete_article(self, article_id: int) -> None:
        removed = self.sql.execute(
            "DELETE FROM chunk_vectors WHERE chunk_id IN (SELECT id FROM chunks WHERE article_id = ?)", [article_id])
        for table in ("chunks", "person_checks", "person_check_articles", "mentions", "story_shingles", "turns"):
            self.sql.execute(f"DELETE FROM {table} WHERE article_id = ?", [article_id])
        self.sql.execute("DELETE FROM articles WHERE id = ?", [article_id])
        self._count("vectors_removed", removed)

    def _count(self, counter: str, n: int) -> None:
        if n:
            self.sql.execute("UPDATE counters SET value = value + ? WHERE name = ?", [n, counter])

    # -- what is stored already (ingest) -------------------------------------------------------

    def story_candidates(self, sample: set[int], title: str, k: int = 10) -> list[tuple[int, str, str]]:
        """(id, title, body) of stories that may be this one: the same title, or shingle samples that overlap
        (an estimate of containment, confirmed by the caller)."""
        found = {r["id"]: (r["id"], r["title"], r["body"]) for r in self._shared_shingles(sample, k)
                 if samples_overlap(r["shared"], len(sample), r["size"])}
        for r in self.sql.query("SELECT id, title, body FROM articles WHERE story_id IS NULL AND title = ?", [title]):
            found[r["id"]] = (r["id"], r["title"], r["body"])
        return list(found.values())

    def _shared_shingles(self, sample: set[int], k: int) -> list[dict]:
        """Rows (id, title, body, shared, size) of the k stories sharing most of these shingles."""
        condition, values = self._in_sample(sample)
        return self.sql.query(
            "WITH hits AS (SELECT article_id, count(*) AS shared FROM story_shingles"
            f"  WHERE {condition} GROUP BY article_id ORDER BY shared DESC LIMIT ?)"
            " SELECT a.id, a.title, a.body, h.shared,"
            "  (SELECT count(*) FROM story_shingles s WHERE s.article_id = a.id) AS size"
            " FROM hits h JOIN articles a ON a.id = h.article_id WHERE a.story_id IS NULL",
            [values, k])

    def _in_sample(self, sample: set[int]) -> tuple[str, object]:
        """`shingle` among the sample, as this engine takes a list in one parameter."""
        raise NotImplementedError

    def story_of_hash(self, content_hash: str) -> tuple[int, str] | None:
        """(story id, title) of an article that already holds exactly this text."""
        row = first(self.sql, "SELECT coalesce(story_id, id) AS story, title FROM articles WHERE content_hash = ?"
                    " LIMIT 1", [content_hash])
        return (row["story"], row["title"]) if row else None

    def chunks_without_vectors(self, model_id: str, limit: int = 512) -> list[tuple[int, str, str]]:
        """(id, heading, text) of chunks with no vector from this model: after a model change they are
        re-embedded."""
        return [(r["id"], r["heading"], r["text"]) for r in self.sql.query(
            "SELECT c.id, c.heading, c.text FROM chunks c LEFT JOIN chunk_vectors v"
            " ON v.chunk_id = c.id AND v.model = ? WHERE v.chunk_id IS NULL ORDER BY c.id LIMIT ?", [model_id, limit])]

    # -- reading -------------------------------------------------------------------------

    def hybrid_search(self, text: str, query: np.ndarray, model_id: str, k: int = 20,
                      where: ArticleFilter | None = None) -> tuple[list[tuple[int, float]], list[tuple[int, float]]]:
        """Full-text and vector hits for one question, only from the articles `where` allows, each list also
        scoring the other's hits (`scored_by_both`; PostgreSQL answers all of it in one round trip)."""
        lexical, dense = self.fts_search(text, k, where), self.vector_search(query, model_id, k, where)
        return scored_by_both(lexical, dense, lambda ids: self.bm25_of(text, ids),
                              lambda ids: self.cosines_of(query, model_id, ids))

    def bm25_of(self, text: str, chunk_ids: Sequence[int]) -> list[tuple[int, float]]:
        """(chunk id, BM25 score) for those of the chunks the words of text find, scored as fts_search scores."""
        raise NotImplementedError

    def cosines_of(self, query: np.ndarray, model_id: str, chunk_ids: Sequence[int]) -> list[tuple[int, float]]:
        """(chunk id, cosine) for those of the chunks that have a vector from this model."""
        raise NotImplementedError

    def fts_search(self, text: str, k: int = 20, where: ArticleFilter | None = None) -> list[tuple[int, float]]:
        raise NotImplementedError

    def vector_search(self, query: np.ndarray, model_id: str, k: int = 20,
                      where: ArticleFilter | None = None) -> list[tuple[int, float]]:
        raise NotImplementedError

    def _condition(self, where: ArticleFilter | None, mark: Marks) -> str:
        return article_condition(where, self.HOST_SQL, mark)

    def published_range(self, where: ArticleFilter | None = None) -> tuple[str | None, str | None]:
        """The oldest and newest publication dates among the articles `where` allows: what a filter that
        matched nothing is told."""
        mark = Marks()
        condition = self._condition(where, mark)
        row = first(self.sql, f"SELECT min(a.published) AS oldest, max(a.published) AS newest FROM articles a"
                    f" WHERE {condition}", mark.values)
        return (row["oldest"], row["newest"]) if row else (None, None)

    def indexed_words(self, words: Sequence[str]) -> set[str]:
        """The words some passage holds."""
        return {w for w in words if self.fts_search(w, 1)}

    def get_article(self, article_id: int) -> Article:
        row = first(self.sql, f"SELECT {ARTICLE_COLUMNS} FROM articles a WHERE a.id = ?", [article_id])
        if row is None:
            raise ArticleNotFound(article_id)
        return article_of(row)

    def also_in(self, story_ids: Sequence[int]) -> dict[int, list[Article]]:
        """The other sources of each story, oldest first."""
        if not story_ids:
            return {}
        found: dict[int, list[Article]] = {}
        for r in self.sql.query(f"SELECT {ARTICLE_COLUMNS} FROM articles a WHERE a.story_id IN ({marks(story_ids)})"
                                " ORDER BY a.id", list(story_ids)):
            found.setdefault(r["story_id"], []).append(article_of(r))
        return found

    def passages(self, chunk_ids: Sequence[int]) -> dict[int, Passage]:
        if not chunk_ids:
            return {}
        rows = self.sql.query(
            f"SELECT c.id AS chunk_id, c.text, c.start, c.sentences, {ARTICLE_COLUMNS}"
            f" FROM chunks c JOIN articles a ON a.id = c.article_id WHERE c.id IN ({marks(chunk_ids)})",
            list(chunk_ids))
        found = {}
        for r in rows:
            start = r["start"]
            sentences = tuple((s, e, r["text"][s - start:e - start]) for s, e in json.loads(r["sentences"]))
            found[r["chunk_id"]] = Passage(r["chunk_id"], article_of(r), r["text"], start, sentences)
        return found

    def following(self, chunk_ids: Sequence[int]) -> dict[int, int]:
        """The passage after each of these in its article (chunk id -> the next chunk's id); an article's last
        passage has none."""
        if not chunk_ids:
            return {}
        rows = self.sql.query(
            f"SELECT c.id AS chunk_id, n.id AS next_id FROM chunks c JOIN chunks n"
            f" ON n.article_id = c.article_id AND n.seq = c.seq + 1 WHERE c.id IN ({marks(chunk_ids)})",
            list(chunk_ids))
        return {r["chunk_id"]: r["next_id"] for r in rows}

    def turns_of(self, article_ids: Sequence[int]) -> dict[int, list[Turn]]:
        """Each transcript's speaker turns in order (articles that are not transcripts are absent)."""
        if not article_ids:
            return {}
        found: dict[int, list[Turn]] = {}
        for r in self.sql.query(f'SELECT article_id, start, "end", label, asks, speaker FROM turns'
                                f" WHERE article_id IN ({marks(article_ids)}) ORDER BY article_id, start",
                                list(article_ids)):
            found.setdefault(r["article_id"], []).append(
                Turn(r["start"], r["end"], r["label"], bool(r["asks"]), r["speaker"]))
        return found

    def article_text(self, article_id: int, start: int, end: int) -> str:
        """A slice of an article's body (offsets as stored): the reply after a reporter's question."""
        row = first(self.sql, "SELECT substr(body, CAST(? AS INTEGER) + 1, CAST(? AS INTEGER)) AS text"
                    " FROM articles WHERE id = ?", [start, end - start, article_id])
        return row["text"] if row else ""

    def articles_indexed(self, since: str, until: str, limit: int = 1000) -> list[Article]:
        """Articles first indexed in [since, until) (UTC ISO strings), newest publication first."""
        rows = self.sql.query(
            f"SELECT {ARTICLE_COLUMNS} FROM articles a WHERE a.indexed_at >= ? AND a.indexed_at < ?"
            " ORDER BY a.published DESC NULLS LAST, a.id DESC LIMIT ?", [since, until, limit])
        return [article_of(r) for r in rows]

    # -- people --------------------------------------------------------------------------

    def people_named(self, words: Sequence[str]) -> list[tuple[str, int]]:
        """People whose name contains every given word (case-insensitive), with mention counts; not the names
        the people check rejected."""
        return self._people_matching(words, NOT_REJECTED)

    def rejected_named(self, words: Sequence[str]) -> list[str]:
        """Names holding every given word that the people check found are not people ("Mario Kart")."""
        return [name for name, _ in self._people_matching(words, REJECTED)]

    def _people_matching(self, words: Sequence[str], condition: str) -> list[tuple[str, int]]:
        if not words:
            return []
        where = " AND ".join(["(' ' || lower(p.name) || ' ') LIKE ?"] * len(words))
        rows = self.sql.query(
            f"SELECT p.name, count(m.id) AS n FROM people p JOIN mentions m ON m.person_id = p.id"
            f" WHERE {where} AND {condition} GROUP BY p.id ORDER BY n DESC, p.id",
            [f"% {w.lower()} %" for w in words])
        return [(r["name"], r["n"]) for r in rows]

    def named_together(self, name: str, other: str) -> bool:
        """Whether one article names both ("Lord Callaghan" and "Jim Callaghan"): the same person, styled two ways."""
        rows = self.sql.query(
            "SELECT 1 FROM people p JOIN mentions m ON m.person_id = p.id"
            " JOIN mentions o ON o.article_id = m.article_id JOIN people q ON q.id = o.person_id"
            " WHERE p.name = ? AND q.name = ? LIMIT 1", [name, other])
        return bool(rows)

    def mentions_of(self, names: Sequence[str], limit: int = 1000,
                    where: ArticleFilter | None = None) -> list[QuotedMention]:
        """Mentions of these names in the articles `where` allows: those with a role first, newest articles
        first, at most `limit` (at 1M chunks a famous name had 25,000, and reading every sentence took a second)."""
        if not names:
            return []
        order = "m.role IS NULL, a.published DESC NULLS LAST, a.id DESC, m.id"
        mark = Marks()
        mark.values.extend(names)
        condition = self._condition(where, mark)
        # the mentions are picked first and only their sentences cut from the bodies: cut in the same
        # statement, PostgreSQL read every matching article's body before the LIMIT
        rows = self.sql.query(
            f"WITH picked AS (SELECT m.id FROM mentions m JOIN people p ON p.id = m.person_id"
            f"  JOIN articles a ON a.id = m.article_id WHERE p.name IN ({marks(names)}) AND {condition}"
            f"  ORDER BY {order} LIMIT ?)"
            f" SELECT p.name, m.role, m.sentence_start, CASE WHEN m.sentence_start < 0 THEN a.title"
            f" ELSE substr(a.body, m.sentence_start + 1, m.sentence_end - m.sentence_start) END AS sentence,"
            f" {ARTICLE_COLUMNS}"
            f" FROM picked JOIN mentions m ON m.id = picked.id JOIN people p ON p.id = m.person_id"
            f" JOIN articles a ON a.id = m.article_id ORDER BY {order}", [*mark.values, limit])
        return [QuotedMention(r["name"], r["role"], r["sentence"], r["sentence_start"], article_of(r)) for r in rows]

    def mentions_in(self, names: Sequence[str], article_ids: Sequence[int]) -> list[QuotedMention]:
        """Mentions of these names in these articles, those with a role first, then in reading order: the
        sentence a watch on a person quotes."""
        if not names or not article_ids:
            return []
        rows = self.sql.query(
            f"SELECT p.name, m.role, m.sentence_start, CASE WHEN m.sentence_start < 0 THEN a.title"
            f" ELSE substr(a.body, m.sentence_start + 1, m.sentence_end - m.sentence_start) END AS sentence,"
            f" {ARTICLE_COLUMNS}"
            f" FROM mentions m JOIN people p ON p.id = m.person_id JOIN articles a ON a.id = m.article_id"
            f" WHERE p.name IN ({marks(names)}) AND m.article_id IN ({marks(article_ids)})"
            f" ORDER BY a.id, m.role IS NULL, m.sentence_start", [*names, *article_ids])
        return [QuotedMention(r["name"], r["role"], r["sentence"], r["sentence_start"], article_of(r)) for r in rows]

    def people_with_role(self, words: Sequence[str], limit: int = 5) -> list[str]:
        """People whose recorded role holds every word, most often first ("who is the coordinator")."""
        if not words:
            return []
        return self._until_changed(("role", tuple(words), limit), lambda: self._people_with_role(words, limit))

    def _people_with_role(self, words: Sequence[str], limit: int) -> list[str]:
        """A scan of every role, hence the per-version cache of its callers."""
        where = " AND ".join(["lower(m.role) LIKE ?"] * len(words))
        rows = self.sql.query(
            f"SELECT p.name, count(*) AS n FROM mentions m JOIN people p ON p.id = m.person_id"
            f" WHERE m.role IS NOT NULL AND p.name LIKE '% %' AND {where} AND {NOT_REJECTED}"
            f" GROUP BY p.id ORDER BY n DESC, p.id"
            f" LIMIT ?", [*[f"%{w.lower()}%" for w in words], limit])
        return [r["name"] for r in rows]

    def people_in(self, article_id: int, n: int = 4) -> list[str]:
        """Full names an article mentions, most mentioned first: those some article gives a role (people, not
        places) and the people check has not rejected."""
        rows = self.sql.query(
            "SELECT p.name FROM mentions m JOIN people p ON p.id = m.person_id"
            f" WHERE m.article_id = ? AND p.name LIKE '% %' AND {NOT_REJECTED}"
            " AND EXISTS (SELECT 1 FROM mentions r WHERE r.person_id = p.id AND r.role IS NOT NULL)"
            " GROUP BY p.id ORDER BY count(*) DESC, min(m.id) LIMIT ?",
            [article_id, n])
        return [r["name"] for r in rows]

    def top_people(self, n: int = 5) -> list[str]:
        """The people named with a role in most articles (a scan of every mention, so cached per version)."""
        return self._until_changed(("top", n), lambda: [r["name"] for r in self.sql.query(
            "SELECT p.name FROM people p JOIN mentions m ON m.person_id = p.id"
            f" WHERE p.name LIKE '% %' AND m.role IS NOT NULL AND {NOT_REJECTED}"
            " GROUP BY p.id ORDER BY count(DISTINCT m.article_id) DESC, p.id LIMIT ?", [n])])

    # -- the people check ------------------------------------------------------------------

    def claim_person_checks(self, owner: str, now: float, lease_until: float, limit: int) -> list[ArticleToCheck]:
        """Take up to `limit` articles for the people check: ones nobody took, then ones whose taker's lease
        lapsed (it died). Each is taken by one process: the insert skips rows another wrote first, and the
        update re-checks the lease on the row it changes.

        Args:
            owner: this process ("host:pid:start"); only it may record the verdicts.
            now: Unix seconds, to tell lapsed leases.
            lease_until: when another process may take these articles if this one has not finished them.
            limit: the batch size.
        """
        with self.sql.transaction():
            taken = [r["article_id"] for r in self.sql.query(
                "INSERT INTO person_check_articles (article_id, status, owner, lease_until)"
                f" SELECT a.id, 'running', ?, ? FROM articles a WHERE {TO_CHECK} AND NOT EXISTS"
                " (SELECT 1 FROM person_check_articles k WHERE k.article_id = a.id) ORDER BY a.id LIMIT ?"
                " ON CONFLICT (article_id) DO NOTHING RETURNING article_id", [owner, lease_until, limit])]
            if len(taken) < limit:
                lapsed = "status = 'running' AND lease_until < ?"
                taken += [r["article_id"] for r in self.sql.query(
                    f"UPDATE person_check_articles SET owner = ?, lease_until = ? WHERE {lapsed} AND article_id IN"
                    f" (SELECT article_id FROM person_check_articles WHERE {lapsed} ORDER BY article_id LIMIT ?)"
                    " RETURNING article_id", [owner, lease_until, now, now, limit - len(taken)])]
        if not taken:
            return []
        names: dict[int, list[str]] = {}
        roles: dict[int, set[str]] = {}
        for r in self.sql.query(f"SELECT m.article_id, p.name, max(CASE WHEN m.role IS NULL THEN 0 ELSE 1 END)"
                                f" AS role FROM mentions m JOIN people p ON p.id = m.person_id"
                                f" WHERE m.article_id IN ({marks(taken)}) GROUP BY m.article_id, p.name"
                                " ORDER BY m.article_id, p.name", taken):
            names.setdefault(r["article_id"], []).append(r["name"])
            if r["role"]:
                roles.setdefault(r["article_id"], set()).add(r["name"])
        rows = self.sql.query(f"SELECT id, title, body FROM articles WHERE id IN ({marks(taken)}) ORDER BY id", taken)
        return [ArticleToCheck(r["id"], r["title"], r["body"], tuple(names.get(r["id"], ())),
                               frozenset(roles.get(r["id"], ()))) for r in rows]

    def names_stored(self, names: Sequence[str]) -> set[str]:
        """Which of these names the people table holds (the people check asks for "Ms Fiorina")."""
        if not names:
            return set()
        return {r["name"] for r in self.sql.query(f"SELECT name FROM people WHERE name IN ({marks(names)})",
                                                  list(names))}

    def record_person_checks(self, article_id: int, owner: str, checker: str, checks: Sequence[PersonCheck],
                             now_iso: str) -> bool:
        """Write an article's verdicts and mark it done, in one transaction; False (nothing written) when this
        owner no longer holds the article (its lease lapsed and another took it, or it was deleted).

        Args:
            article_id: an article this owner claimed.
            owner: as given to claim_person_checks.
            checker: the model and rule that decided, kept with the article.
            checks: one per name read in the article; a name not read is not recorded (unchecked).
            now_iso: when it was done (UTC ISO).
        """
        with self.sql.transaction():
            if self.sql.execute("UPDATE person_check_articles SET status = 'done', checker = ?, done_at = ?,"
                                " lease_until = NULL WHERE article_id = ? AND owner = ? AND status = 'running'",
                                [checker, now_iso, article_id, owner]) != 1:
                return False
            for check in checks:
                self.sql.execute(
                    "INSERT INTO person_checks (person_id, article_id, occurrences, as_person, is_person, given)"
                    " SELECT id, ?, ?, ?, ?, ? FROM people WHERE name = ?"
                    " ON CONFLICT (person_id, article_id) DO UPDATE SET occurrences = excluded.occurrences,"
                    " as_person = excluded.as_person, is_person = excluded.is_person, given = excluded.given",
                    [article_id, check.occurrences, check.as_person, -1 if check.thing else int(check.is_person),
                     check.given, check.name])
            self._count("people_checked", 1)
        return True

    def person_checks_pending(self) -> int:
        """Articles the people check has not done yet (claimed ones included)."""
        return first(self.sql, f"SELECT count(*) AS n FROM articles a WHERE {TO_CHECK} AND NOT EXISTS"
                     " (SELECT 1 FROM person_check_articles k WHERE k.article_id = a.id AND k.status = 'done')")["n"]

    # -- figures -------------------------------------------------------------------------

    def version(self) -> tuple[int, int]:
        """Changes whenever articles are added or removed: a key for caches of whole-index figures."""
        state = {r["name"]: r["value"] for r in self.sql.query("SELECT name, value FROM counters")}
        return state["vectors_added"], state["vectors_removed"]

    def _until_changed(self, key: tuple, compute: Callable[[], list[str]]) -> list[str]:
        """Whole-index figures, kept until an article is added or removed or the people check decides (the
        counters change)."""
        version = tuple(r["value"] for r in self.sql.query("SELECT name, value FROM counters ORDER BY name"))
        cache = self._per_version  # this thread's view, whatever others replace
        if cache.get("version") != version or len(cache) > 1000:
            cache = self._per_version = {"version": version}
        if key not in cache:
            cache[key] = compute()
        return list(cache[key])

    def article_count(self) -> int:
        return first(self.sql, "SELECT count(*) AS n FROM articles")["n"]

    def outlets(self) -> list[tuple[str, int]]:
        rows = self.sql.query("SELECT coalesce(outlet, 'other') AS outlet, count(*) AS n FROM articles"
                              " GROUP BY 1 ORDER BY n DESC, outlet")
        return [(r["outlet"], r["n"]) for r in rows]

    def stats(self) -> dict[str, int]:
        def one(statement: str) -> int:
            return first(self.sql, statement)["n"]

        return {
            "articles": one("SELECT count(*) AS n FROM articles"),
            "chunks": one("SELECT count(*) AS n FROM chunks"),
            "vectors": one("SELECT count(*) AS n FROM chunk_vectors"),
            "people": one("SELECT count(*) AS n FROM people"),
            "mentions": one("SELECT count(*) AS n FROM mentions"),
            "duplicates": one("SELECT count(*) AS n FROM articles WHERE story_id IS NOT NULL"),
            "schedules": one("SELECT count(*) AS n FROM schedules WHERE cancelled_at IS NULL"),
            "db_bytes": self.size_bytes(),
        }

    def size_bytes(self) -> int:
        raise NotImplementedError
