ALTER TABLE digest_runs ADD COLUMN owner text;
