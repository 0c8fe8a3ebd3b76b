-- Issue #17: the people table's names checked by NER after indexing (store/migrations.py m011_person_checks
-- says the same for SQLite). One row per (person, article) checked; a person never confirmed in any article
-- checked is not one, unless its first word is the given name of two people NER confirmed; is_person -1 (a thing
-- by its usage there) rejects it whatever else (store/sql_store.py REJECTED). person_check_articles is the work list: claimed (with a lease) or done.
CREATE TABLE person_checks (
    person_id bigint NOT NULL REFERENCES people(id),
    article_id bigint NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    occurrences integer NOT NULL,
    as_person integer NOT NULL,
    is_person integer NOT NULL,
    given text,
    PRIMARY KEY (person_id, article_id)
);
CREATE INDEX person_checks_given ON person_checks(given, as_person) WHERE given IS NOT NULL;
CREATE INDEX person_checks_article ON person_checks(article_id);
CREATE INDEX person_checks_verdict ON person_checks(person_id, is_person);
CREATE TABLE person_check_articles (
    article_id bigint PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    status text NOT NULL CHECK (status IN ('running', 'done')),
    owner text,
    lease_until double precision,
    checker text,
    done_at text
);
CREATE INDEX person_check_articles_running ON person_check_articles(lease_until) WHERE status = 'running';
INSERT INTO counters VALUES ('people_checked', 0);
