-- Many workspaces (SQLite: m008_workspaces): schedules and link settings are kept per workspace ('' with a
-- single one). A Slack Connect channel has one id in two workspaces, so a channel's link setting is keyed by
-- both. Installations live in slack_sdk's own tables (created by its SQLAlchemy store).
ALTER TABLE schedules ADD COLUMN team_id text NOT NULL DEFAULT '';
CREATE INDEX schedules_team_channel ON schedules(team_id, channel_id) WHERE cancelled_at IS NULL;
ALTER TABLE link_channels ADD COLUMN team_id text NOT NULL DEFAULT '';
ALTER TABLE link_channels DROP CONSTRAINT link_channels_pkey;
ALTER TABLE link_channels ADD PRIMARY KEY (team_id, channel_id);
