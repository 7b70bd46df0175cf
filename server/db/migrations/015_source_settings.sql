-- Which networks each event takes posts from (Bluesky, Mastodon and their instances, extra
-- hashtags, mentions of the event's account), as JSON checked by SourceSettingsBody. An event
-- without a row follows the environment's defaults (BLUESKY_JETSTREAM_URL, MASTODON_INSTANCES).
CREATE TABLE source_settings (
  event_id INTEGER PRIMARY KEY REFERENCES events(id) ON DELETE CASCADE,
  settings TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

-- Mastodon user tokens, per event and instance: write-only through the API (it says whether
-- one is set, never what it is), kept apart from the settings so no read of those carries one.
CREATE TABLE source_tokens (
  event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
  origin TEXT NOT NULL,
  token TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (event_id, origin)
) WITHOUT ROWID;
