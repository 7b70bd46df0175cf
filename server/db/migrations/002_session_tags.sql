-- A session may have its own hashtag: a question-tagged post that carries it becomes a question
-- of that session rather than of the live one.
ALTER TABLE sessions ADD COLUMN tag TEXT;
CREATE UNIQUE INDEX sessions_tag ON sessions(event_id, tag) WHERE tag IS NOT NULL;
