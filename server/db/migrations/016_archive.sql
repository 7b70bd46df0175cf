-- The public archive (issue 14). Per event, whether it is published: 'off' (the default),
-- 'now', or 'after_end': from the end of the event's last session, that is the latest ends_at
-- (or, for a session without an end, its starts_at) of its sessions. An event with no timed
-- session never opens an 'after_end' archive.
ALTER TABLE events ADD COLUMN archive TEXT NOT NULL DEFAULT 'off'
  CHECK (archive IN ('off', 'now', 'after_end'));

-- An attendee is named in the archive only when they chose to be (default: not named).
ALTER TABLE attendees ADD COLUMN archive_named INTEGER NOT NULL DEFAULT 0;

-- A moderator can withdraw any item from the archive (its feeds and public search too) without
-- taking it off the live wall or queue.
ALTER TABLE posts ADD COLUMN archive_withdrawn INTEGER NOT NULL DEFAULT 0;
ALTER TABLE questions ADD COLUMN archive_withdrawn INTEGER NOT NULL DEFAULT 0;
ALTER TABLE answers ADD COLUMN archive_withdrawn INTEGER NOT NULL DEFAULT 0;

