-- Bluesky (Jetstream) and Mastodon. A Jetstream connection carries every event at once, so its
-- cursor (time_us of the last frame taken in) is kept per source, not per event. Mastodon keeps
-- one position per instance and tag, under the same table: source 'mastodon:<origin>#<tag>'.
CREATE TABLE source_cursors (
  source TEXT PRIMARY KEY,
  cursor TEXT NOT NULL,
  updated_at TEXT NOT NULL
) WITHOUT ROWID;

-- A network's delete names its post, not the event: find every copy by the source id alone.
CREATE INDEX posts_by_source_id ON posts(source, source_id) WHERE source_id IS NOT NULL;
