-- Sessions as a schedule, and branding an event can own.
-- An event's time zone (IANA name): what the forms, the screens and the report show times in.
ALTER TABLE events ADD COLUMN time_zone TEXT NOT NULL DEFAULT 'UTC';
-- An uploaded logo: its content type (null when none) and a version that changes with each
-- upload, so a cached old logo is never shown. The file itself lives under DATA_DIR/logos/.
ALTER TABLE events ADD COLUMN logo_type TEXT;
ALTER TABLE events ADD COLUMN logo_version INTEGER NOT NULL DEFAULT 0;

-- Per room, the latest schedule boundary (a session's start or end) that has been settled,
-- either by the scheduler making the scheduled session live or by a moderator choosing one by
-- hand. The scheduler acts on a room only when a newer boundary has passed, so a moderator's
-- choice holds until the next start or end in that room, across restarts too.
CREATE TABLE room_schedule (
  event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
  room TEXT NOT NULL,
  settled_at TEXT NOT NULL,
  PRIMARY KEY (event_id, room)
) WITHOUT ROWID;
