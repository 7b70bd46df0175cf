-- Answers to questions. kind 'answer' is written by the session's speaker or a moderator and is
-- public at once; kind 'reply' is an attendee's, moderated like a post (pending in a
-- pre-moderated event). At most one per question is accepted: "the answer".
CREATE TABLE answers (
  id INTEGER PRIMARY KEY,
  event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
  session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
  question_id INTEGER NOT NULL REFERENCES questions(id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('answer', 'reply')),
  author_role TEXT NOT NULL CHECK (author_role IN ('speaker', 'moderator', 'attendee')),
  attendee_id INTEGER REFERENCES attendees(id) ON DELETE SET NULL,
  author_name TEXT NOT NULL,
  text TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'rejected')),
  accepted INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX answers_question ON answers(question_id, id);
CREATE INDEX answers_event ON answers(event_id, status, id);
CREATE UNIQUE INDEX answers_one_accepted ON answers(question_id) WHERE accepted = 1;

-- In the search index (migration 013) as kind 2 (answers) and 3 (replies).
CREATE TRIGGER search_answers_insert AFTER INSERT ON answers BEGIN
  INSERT INTO search_index (rowid, body, author) VALUES (
    ((new.event_id * 4 + CASE new.kind WHEN 'answer' THEN 2 ELSE 3 END) << 34) + new.id,
    new.text,
    new.author_name
  );
END;

CREATE TRIGGER search_answers_update AFTER UPDATE OF text, author_name ON answers BEGIN
  DELETE FROM search_index
    WHERE rowid = ((old.event_id * 4 + CASE old.kind WHEN 'answer' THEN 2 ELSE 3 END) << 34) + old.id;
  INSERT INTO search_index (rowid, body, author) VALUES (
    ((new.event_id * 4 + CASE new.kind WHEN 'answer' THEN 2 ELSE 3 END) << 34) + new.id,
    new.text,
    new.author_name
  );
END;

CREATE TRIGGER search_answers_delete AFTER DELETE ON answers BEGIN
  DELETE FROM search_index
    WHERE rowid = ((old.event_id * 4 + CASE old.kind WHEN 'answer' THEN 2 ELSE 3 END) << 34) + old.id;
END;
