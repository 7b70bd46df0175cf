-- Moderation for a busy wall: per-event word list, author rules for every source, the author
-- of each post as one key, and the mode of each big screen.
ALTER TABLE events ADD COLUMN blocked_words TEXT NOT NULL DEFAULT '[]';

-- 'attendee:<id>' for the attendee app, '<source>:<handle>' for API and social sources.
ALTER TABLE posts ADD COLUMN author_key TEXT;
UPDATE posts SET author_key = CASE
  WHEN attendee_id IS NOT NULL THEN 'attendee:' || attendee_id
  ELSE source || ':' || lower(coalesce(author_handle, author_name))
END;
CREATE INDEX posts_author ON posts(event_id, author_key, id);

CREATE TABLE author_rules (
  event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
  author_key TEXT NOT NULL,
  display_name TEXT NOT NULL,
  rule TEXT NOT NULL CHECK (rule IN ('blocked', 'trusted')),
  created_at TEXT NOT NULL,
  PRIMARY KEY (event_id, author_key)
) WITHOUT ROWID;

-- One row per screen (a room's name, or 'main'); a screen without a row shows the wall.
CREATE TABLE screens (
  event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  mode TEXT NOT NULL CHECK (mode IN ('wall', 'questions', 'spotlight', 'join')),
  updated_at TEXT NOT NULL,
  PRIMARY KEY (event_id, name)
) WITHOUT ROWID;
