-- A session's questions page best first (votes, then oldest) or newest first. With these
-- indexes a page is a range read however many questions the session holds; without them each
-- page sorted the whole session.
CREATE INDEX questions_session_rank ON questions(session_id, votes DESC, id);
CREATE INDEX questions_session_id ON questions(session_id, id);
CREATE INDEX questions_attendee_session ON questions(attendee_id, session_id, id);
-- The first page carries the spotlighted question: found without reading the session.
CREATE INDEX questions_spotlighted ON questions(session_id) WHERE spotlighted = 1;
