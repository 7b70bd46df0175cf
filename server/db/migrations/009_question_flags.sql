-- Questions are screened like posts: why a question was held, e.g. ["profanity"].
ALTER TABLE questions ADD COLUMN flags TEXT NOT NULL DEFAULT '[]';
-- An attendee's recent questions are what a repeat is checked against.
CREATE INDEX questions_attendee ON questions(attendee_id, id);
