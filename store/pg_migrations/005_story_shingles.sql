CREATE TABLE story_shingles (
    shingle bigint NOT NULL,
    article_id bigint NOT NULL REFERENCES articles(id),
    PRIMARY KEY (shingle, article_id)
);
CREATE INDEX story_shingles_article ON story_shingles(article_id);
CREATE INDEX articles_title ON articles(title);
