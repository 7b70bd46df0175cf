-- Backchannel schema, first version. Times are ISO 8601 UTC strings; booleans are 0/1.

CREATE TABLE events (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  hashtags TEXT NOT NULL DEFAULT '[]',          -- JSON array of lower-case tags without '#'
  question_tag TEXT NOT NULL DEFAULT 'ask',
  post_moderation TEXT NOT NULL DEFAULT 'pre' CHECK (post_moderation IN ('pre', 'post')),
  question_moderation TEXT NOT NULL DEFAULT 'post' CHECK (question_moderation IN ('pre', 'post')),
  allow_anonymous INTEGER NOT NULL DEFAULT 1,
  accent_color TEXT NOT NULL DEFAULT '#4f7cff',
  logo_url TEXT,
  theme TEXT NOT NULL DEFAULT 'dark' CHECK (theme IN ('dark', 'light')),
  key_version INTEGER NOT NULL DEFAULT 1,       -- bump to rotate the event's derived keys
  moderator_key_hash TEXT NOT NULL UNIQUE,
  speaker_key_hash TEXT NOT NULL UNIQUE,
  api_key_hash TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL
);

CREATE TABLE sessions (
  id INTEGER PRIMARY KEY,
  event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
  title TEXT NOT NULL,
  speaker TEXT NOT NULL DEFAULT '',
  room TEXT NOT NULL DEFAULT 'Main hall',
  starts_at TEXT,
  ends_at TEXT,
  live INTEGER NOT NULL DEFAULT 0,
  questions_open INTEGER NOT NULL DEFAULT 1,
  speaker_key_hash TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL
);
CREATE INDEX sessions_event ON sessions(event_id);
-- At most one live session per room of an event.
CREATE UNIQUE INDEX sessions_one_live_per_room ON sessions(event_id, room) WHERE live = 1;

CREATE TABLE attendees (
  id INTEGER PRIMARY KEY,
  event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
  display_name TEXT,
  token_hash TEXT NOT NULL UNIQUE,
  blocked INTEGER NOT NULL DEFAULT 0,
  trusted INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL
);
CREATE INDEX attendees_event ON attendees(event_id);

CREATE TABLE posts (
  id INTEGER PRIMARY KEY,
  event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
  attendee_id INTEGER REFERENCES attendees(id) ON DELETE SET NULL,
  source TEXT NOT NULL CHECK (source IN ('web', 'api', 'x', 'mastodon', 'bluesky')),
  source_id TEXT,                                -- the source's own id, for de-duplication
  text TEXT NOT NULL,
  author_name TEXT NOT NULL,
  author_handle TEXT,
  author_avatar_url TEXT,
  hashtags TEXT NOT NULL DEFAULT '[]',
  media TEXT NOT NULL DEFAULT '[]',
  status TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'rejected', 'hidden')),
  pinned INTEGER NOT NULL DEFAULT 0,
  flags TEXT NOT NULL DEFAULT '[]',              -- why it was held, e.g. ["profanity"]
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX posts_source_dedup ON posts(event_id, source, source_id) WHERE source_id IS NOT NULL;
CREATE INDEX posts_event_status ON posts(event_id, status, id);

CREATE TABLE questions (
  id INTEGER PRIMARY KEY,
  event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
  session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
  attendee_id INTEGER REFERENCES attendees(id) ON DELETE SET NULL,
  post_id INTEGER REFERENCES posts(id) ON DELETE SET NULL,
  client_id TEXT,
  text TEXT NOT NULL,
  author_name TEXT,
  anonymous INTEGER NOT NULL DEFAULT 0,
  status TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'answered', 'dismissed')),
  votes INTEGER NOT NULL DEFAULT 0 CHECK (votes >= 0),
  spotlighted INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  answered_at TEXT
);
CREATE INDEX questions_session ON questions(session_id, status);
CREATE UNIQUE INDEX questions_client_dedup ON questions(attendee_id, client_id) WHERE client_id IS NOT NULL;
CREATE UNIQUE INDEX questions_from_post ON questions(post_id) WHERE post_id IS NOT NULL;

CREATE TABLE votes (
  question_id INTEGER NOT NULL REFERENCES questions(id) ON DELETE CASCADE,
  attendee_id INTEGER NOT NULL REFERENCES attendees(id) ON DELETE CASCADE,
  created_at TEXT NOT NULL,
  PRIMARY KEY (question_id, attendee_id)
) WITHOUT ROWID;
CREATE INDEX votes_attendee ON votes(attendee_id);

CREATE TABLE moderation_log (
  id INTEGER PRIMARY KEY,
  event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
  actor TEXT NOT NULL,                           -- 'moderator', 'speaker:<session id>', 'system', 'admin'
  action TEXT NOT NULL,
  item_type TEXT NOT NULL,                       -- 'post', 'question', 'session', 'event', 'attendee'
  item_id INTEGER,
  detail TEXT NOT NULL DEFAULT '{}',             -- JSON: previous status, original text, ...
  created_at TEXT NOT NULL
);
CREATE INDEX moderation_log_event ON moderation_log(event_id, id);
