CREATE TABLE turns (
    article_id bigint NOT NULL REFERENCES articles(id),
    start integer NOT NULL,
    "end" integer NOT NULL,
    label text NOT NULL,
    asks boolean NOT NULL,
    speaker text NOT NULL,
    PRIMARY KEY (article_id, start)
);
