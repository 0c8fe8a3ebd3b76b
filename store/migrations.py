"""Schema history. Never edit a migration that has shipped: add the next one."""
from sqlite_utils import Database, Migrations

from nlp.same_story import shingle_hashes, shingle_sample
from nlp.transcript import parse_turns

migrations = Migrations("us_china")


@migrations()
def m001_articles_chunks(db: Database) -> None:
    db.executescript(
        """
        CREATE TABLE articles (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            source_key TEXT NOT NULL UNIQUE,   -- resolved path or URL: what 'the same input' means
            title TEXT NOT NULL,
            outlet TEXT,
            url TEXT,
            path TEXT,
            published TEXT,                    -- ISO date, or NULL when the source gives none
            content_hash TEXT NOT NULL,
            body TEXT NOT NULL,
            indexed_at TEXT NOT NULL
        );
        CREATE INDEX articles_content_hash ON articles(content_hash);
        CREATE INDEX articles_indexed_at ON articles(indexed_at);
        CREATE TABLE chunks (
            id INTEGER PRIMARY KEY AUTOINCREMENT,  -- never reused: the vector matrix loads by id
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            seq INTEGER NOT NULL,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            text TEXT NOT NULL,
            sentences TEXT NOT NULL              -- JSON [[start, end], ...] into articles.body
        );
        CREATE INDEX chunks_article ON chunks(article_id, seq);
        CREATE VIRTUAL TABLE chunks_fts USING fts5(
            text, content='chunks', content_rowid='id',
            tokenize='porter unicode61 remove_diacritics 2'
        );
        CREATE TRIGGER chunks_ai AFTER INSERT ON chunks BEGIN
            INSERT INTO chunks_fts(rowid, text) VALUES (new.id, new.text);
        END;
        CREATE TRIGGER chunks_ad AFTER DELETE ON chunks BEGIN
            INSERT INTO chunks_fts(chunks_fts, rowid, text) VALUES ('delete', old.id, old.text);
        END;
        CREATE TABLE chunk_vectors (
            chunk_id INTEGER PRIMARY KEY REFERENCES chunks(id) ON DELETE CASCADE,
            model TEXT NOT NULL,
            vector BLOB NOT NULL                 -- little-endian float32, L2-normalised
        );
        CREATE TABLE people (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE
        );
        CREATE TABLE mentions (
            id INTEGER PRIMARY KEY,
            person_id INTEGER NOT NULL REFERENCES people(id),
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            role TEXT,
            sentence_start INTEGER NOT NULL,
            sentence_end INTEGER NOT NULL
        );
        CREATE INDEX mentions_person ON mentions(person_id);
        CREATE INDEX mentions_article ON mentions(article_id);
        CREATE TABLE counters (
            name TEXT PRIMARY KEY,
            value INTEGER NOT NULL
        );
        INSERT INTO counters VALUES ('vectors_added', 0), ('vectors_removed', 0);
        """
    )


@migrations()
def m002_schedules(db: Database) -> None:
    db.executescript(
        """
        CREATE TABLE schedules (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            channel_id TEXT NOT NULL,
            cadence TEXT NOT NULL CHECK (cadence IN ('daily', 'weekly')),
            weekday INTEGER CHECK (weekday BETWEEN 0 AND 6),   -- Monday 0; NULL for daily
            hour INTEGER NOT NULL CHECK (hour BETWEEN 0 AND 23),
            minute INTEGER NOT NULL CHECK (minute BETWEEN 0 AND 59),
            timezone TEXT NOT NULL,
            topic TEXT,
            created_by TEXT,
            created_at TEXT NOT NULL,
            cancelled_at TEXT
        );
        -- One row per (schedule, period): the claim that makes a digest post exactly once.
        CREATE TABLE digest_runs (
            schedule_id INTEGER NOT NULL REFERENCES schedules(id),
            period TEXT NOT NULL,               -- the scheduled time, UTC ISO
            status TEXT NOT NULL CHECK (status IN ('posting', 'posted', 'failed', 'missed')),
            claimed_at TEXT NOT NULL,
            finished_at TEXT,
            covered_from TEXT,                  -- indexed_at window the digest covered
            covered_until TEXT,
            message_ts TEXT,
            error TEXT,
            PRIMARY KEY (schedule_id, period)
        );
        """
    )


@migrations()
def m003_stories_feeds_links(db: Database) -> None:
    db.executescript(
        """
        -- A near-duplicate article (the same story from another outlet or URL) is kept as a source of
        -- the story it repeats: its own title, outlet, URL and date, but no chunks of its own.
        ALTER TABLE articles ADD COLUMN story_id INTEGER REFERENCES articles(id);
        CREATE INDEX articles_story ON articles(story_id);
        CREATE TABLE feeds (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            url TEXT NOT NULL UNIQUE,
            title TEXT,
            added_by TEXT,
            added_at TEXT NOT NULL,
            etag TEXT,
            last_modified TEXT,
            last_fetched TEXT,
            last_new INTEGER,
            last_error TEXT
        );
        CREATE TABLE feed_entries (
            feed_id INTEGER NOT NULL REFERENCES feeds(id) ON DELETE CASCADE,
            entry_key TEXT NOT NULL,             -- the entry's id, else its link
            url TEXT,
            outcome TEXT,                        -- added / unchanged / same-story / failed: the reason
            attempts INTEGER NOT NULL DEFAULT 1, -- a passing failure (timeout, 5xx) is retried up to 3 times
            seen_at TEXT NOT NULL,
            PRIMARY KEY (feed_id, entry_key)
        );
        CREATE TABLE link_channels (           -- channels where shared links are indexed
            channel_id TEXT PRIMARY KEY,
            enabled_by TEXT,
            enabled_at TEXT NOT NULL
        );
        """
    )


@migrations()
def m004_run_owner(db: Database) -> None:
    # which process claimed a run ("host:pid:start"), so a restart can take over a dead process's claim at once
    db.execute("ALTER TABLE digest_runs ADD COLUMN owner TEXT")


@migrations()
def m005_story_shingles(db: Database) -> None:
    # A sample of each story's 5-word shingles (store.text.shingle_sample): the stories a new article may
    # repeat are found by the shingles they share, before it is embedded, so a repeat is never encoded.
    db.executescript(
        """
        CREATE TABLE story_shingles (
            shingle INTEGER NOT NULL,
            article_id INTEGER NOT NULL REFERENCES articles(id),
            PRIMARY KEY (shingle, article_id)
        ) WITHOUT ROWID;
        CREATE INDEX story_shingles_article ON story_shingles(article_id);
        CREATE INDEX articles_title ON articles(title);  -- the same title also makes a candidate
        """
    )
    for row in db.query("SELECT id, body FROM articles WHERE story_id IS NULL"):
        db.conn.executemany("INSERT INTO story_shingles (shingle, article_id) VALUES (?, ?)",
                            [(h, row["id"]) for h in shingle_sample(shingle_hashes(row["body"]))])


@migrations()
def m006_turns(db: Database) -> None:
    # Speaker turns of transcripts (nlp.transcript): an excerpt names its speaker, and a reporter's question
    # is never quoted as an answer. Existing articles are parsed here.
    db.executescript(
        """
        CREATE TABLE turns (
            article_id INTEGER NOT NULL REFERENCES articles(id),
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            label TEXT NOT NULL,
            asks INTEGER NOT NULL,
            speaker TEXT NOT NULL,
            PRIMARY KEY (article_id, start)
        ) WITHOUT ROWID;
        """
    )
    for row in db.query("SELECT id, title, body FROM articles WHERE story_id IS NULL"):
        db.conn.executemany('INSERT INTO turns (article_id, start, "end", label, asks, speaker)'
                            " VALUES (?, ?, ?, ?, ?, ?)",
                            [(row["id"], t.start, t.end, t.label, int(t.asks), t.speaker)
                             for t in parse_turns(row["body"], row["title"])])


@migrations()
def m007_replicas(db: Database) -> None:
    # What several processes share (store/pg_migrations/007_replicas.sql says the same for PostgreSQL): Slack
    # deliveries already taken, questions acked and not yet answered, named leases, and who asked when.
    db.executescript(
        """
        CREATE TABLE seen_events (
            key TEXT PRIMARY KEY,
            seen_at REAL NOT NULL
        );
        CREATE INDEX seen_events_seen_at ON seen_events(seen_at);
        CREATE TABLE answer_jobs (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            kind TEXT NOT NULL,
            payload TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('queued', 'running', 'posting', 'done', 'failed')),
            created_at REAL NOT NULL,
            owner TEXT,
            lease_until REAL,
            attempts INTEGER NOT NULL DEFAULT 0,
            finished_at REAL
        );
        CREATE INDEX answer_jobs_open ON answer_jobs(status, created_at) WHERE status IN ('queued', 'running');
        CREATE TABLE leases (
            name TEXT PRIMARY KEY,
            owner TEXT NOT NULL,
            until REAL NOT NULL
        );
        CREATE TABLE question_log (
            user_id TEXT NOT NULL,
            asked_at REAL NOT NULL
        );
        CREATE INDEX question_log_user ON question_log(user_id, asked_at);
        """
    )


@migrations()
def m008_workspaces(db: Database) -> None:
    # Many workspaces (store/pg_migrations/010_workspaces.sql says the same for PostgreSQL): schedules and
    # link settings are kept per workspace ('' with a single one). A Slack Connect channel has one id in two
    # workspaces, so a channel's link setting is keyed by both. Installations live in slack_sdk's own tables.
    db.executescript(
        """
        ALTER TABLE schedules ADD COLUMN team_id TEXT NOT NULL DEFAULT '';
        CREATE INDEX schedules_team_channel ON schedules(team_id, channel_id) WHERE cancelled_at IS NULL;
        CREATE TABLE link_channels_by_team (
            team_id TEXT NOT NULL DEFAULT '',
            channel_id TEXT NOT NULL,
            enabled_by TEXT,
            enabled_at TEXT NOT NULL,
            PRIMARY KEY (team_id, channel_id)
        );
        INSERT INTO link_channels_by_team (channel_id, enabled_by, enabled_at)
            SELECT channel_id, enabled_by, enabled_at FROM link_channels;
        DROP TABLE link_channels;
        ALTER TABLE link_channels_by_team RENAME TO link_channels;
        """
    )


@migrations()
def m010_watches(db: Database) -> None:
    # Watch alerts (store/pg_migrations/012_watches.sql says the same for PostgreSQL). m008 and m009 belong to
    # other features. A watch belongs to a workspace (team_id), so one workspace never lists or cancels
    # another's. One watch_hits row per (watch, article) is the exactly-once claim: it is written once, then
    # taken into exactly one watch_posts row before anything is posted.
    db.executescript(
        """
        CREATE TABLE watches (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            team_id TEXT NOT NULL,
            channel_id TEXT NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('person', 'topic')),
            subject TEXT NOT NULL,              -- the person's name as the articles give it, or the topic
            created_by TEXT,
            created_at TEXT NOT NULL,
            checked_until TEXT NOT NULL,        -- articles indexed before this were matched already
            last_post_at TEXT,                  -- when its last post was claimed: one post per watch per window
            cancelled_at TEXT
        );
        CREATE INDEX watches_place ON watches(team_id, channel_id);
        CREATE TABLE watch_posts (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            watch_id INTEGER NOT NULL REFERENCES watches(id),
            status TEXT NOT NULL CHECK (status IN ('posting', 'posted', 'failed')),
            claimed_at TEXT NOT NULL,
            owner TEXT,                         -- the process posting it ("host:pid:start")
            attempts INTEGER NOT NULL DEFAULT 1,
            finished_at TEXT,
            message_ts TEXT,
            error TEXT
        );
        CREATE INDEX watch_posts_watch ON watch_posts(watch_id, id);
        CREATE INDEX watch_posts_open ON watch_posts(status) WHERE status = 'posting';
        -- What was quoted is kept with the hit: the post reads the same if the article is re-indexed meanwhile.
        CREATE TABLE watch_hits (
            watch_id INTEGER NOT NULL REFERENCES watches(id),
            article_id INTEGER NOT NULL,
            title TEXT NOT NULL,
            link TEXT,
            outlet TEXT,
            published TEXT,
            sentence TEXT NOT NULL,
            found_at TEXT NOT NULL,
            post_id INTEGER REFERENCES watch_posts(id),   -- NULL until taken into a post
            PRIMARY KEY (watch_id, article_id)
        );
        CREATE INDEX watch_hits_post ON watch_hits(post_id);
        """
    )


@migrations()
def m009_feedback(db: Database) -> None:
    # Issue #20: 👍 / 👎 on an answer (store/pg_migrations/011_feedback.sql says the same for PostgreSQL), with the
    # question as asked, the excerpts it showed (JSON), who gave it and in which workspace. One vote per person
    # per message: a second click changes nothing.
    db.executescript(
        """
        CREATE TABLE feedback (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            team_id TEXT,
            user_id TEXT NOT NULL,
            channel_id TEXT,
            message_ts TEXT,
            vote TEXT NOT NULL CHECK (vote IN ('up', 'down')),
            reason TEXT,                 -- on 👎: wrong person / not an answer / missing something
            question TEXT NOT NULL,      -- as asked, filters included
            shown TEXT NOT NULL,         -- JSON [{text, title, source, published}, ...]
            created_at TEXT NOT NULL,
            UNIQUE (team_id, channel_id, message_ts, user_id)
        );
        CREATE INDEX feedback_created ON feedback(created_at);
        """
    )


@migrations()
def m011_person_checks(db: Database) -> None:
    # Issue #17: the people table's names checked by NER after indexing (core/people_check.py;
    # store/pg_migrations/013_person_checks.sql says the same for PostgreSQL). One row per (person, article)
    # checked: how often the name was read there and how often NER took it for a person. A person never
    # confirmed in any article checked is not one, unless its first word is the given name of two people NER
    # confirmed; is_person -1 (a thing by its usage there) rejects it whatever else (store/sql_store.py
    # REJECTED). person_check_articles is the work list: a row per article claimed (with its owner's lease, so a
    # dead process's articles are taken again) or done.
    db.executescript(
        """
        CREATE TABLE person_checks (
            person_id INTEGER NOT NULL REFERENCES people(id),
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            occurrences INTEGER NOT NULL,
            as_person INTEGER NOT NULL,
            is_person INTEGER NOT NULL,         -- the checker's verdict in this article: 1, 0, -1 (a thing)
            given TEXT,                         -- the name's first word when it may be a given name ("Philip")
            PRIMARY KEY (person_id, article_id)
        );
        CREATE INDEX person_checks_given ON person_checks(given, as_person) WHERE given IS NOT NULL;
        CREATE INDEX person_checks_article ON person_checks(article_id);
        CREATE INDEX person_checks_verdict ON person_checks(person_id, is_person);
        CREATE TABLE person_check_articles (
            article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
            status TEXT NOT NULL CHECK (status IN ('running', 'done')),
            owner TEXT,                         -- the process checking it ("host:pid:start")
            lease_until REAL,                   -- Unix seconds; past it, another process may take the article
            checker TEXT,                       -- the model and rule that decided
            done_at TEXT
        );
        CREATE INDEX person_check_articles_running ON person_check_articles(lease_until) WHERE status = 'running';
        INSERT INTO counters VALUES ('people_checked', 0);
        """
    )


@migrations()
def m012_passage_headings(db: Database) -> None:
    # Issue #16: full-text search reads each passage under its article's heading, as the vectors do
    # (core/passages.py; store/pg_migrations/015_passage_headings.sql says the same for PostgreSQL). The heading is
    # kept with each chunk and the index covers a generated column of both, so FTS5 still reads its content from
    # chunks and deletes by the same text it indexed.
    db.executescript(
        """
        ALTER TABLE chunks ADD COLUMN heading TEXT NOT NULL DEFAULT '';
        UPDATE chunks SET heading = (SELECT title FROM articles a WHERE a.id = chunks.article_id);
        ALTER TABLE chunks ADD COLUMN indexed_text TEXT GENERATED ALWAYS AS (heading || '. ' || text) VIRTUAL;
        DROP TRIGGER chunks_ai;
        DROP TRIGGER chunks_ad;
        DROP TABLE chunks_fts;
        CREATE VIRTUAL TABLE chunks_fts USING fts5(
            indexed_text, content='chunks', content_rowid='id',
            tokenize='porter unicode61 remove_diacritics 2'
        );
        INSERT INTO chunks_fts(chunks_fts) VALUES ('rebuild');
        CREATE TRIGGER chunks_ai AFTER INSERT ON chunks BEGIN
            INSERT INTO chunks_fts(rowid, indexed_text) VALUES (new.id, new.indexed_text);
        END;
        CREATE TRIGGER chunks_ad AFTER DELETE ON chunks BEGIN
            INSERT INTO chunks_fts(chunks_fts, rowid, indexed_text) VALUES ('delete', old.id, old.indexed_text);
        END;
        """
    )
