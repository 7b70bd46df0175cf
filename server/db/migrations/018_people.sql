-- People of the public archive (issue 14, "who knows what"). An attendee who chose to be named
-- is listed on the archive's people pages under an opaque public id (random, so no page leads
-- to the next, nor to an attendee who did not choose to be named); it is given when they first
-- opt in and kept if they opt out and in again. Their optional affiliation and one https link.
ALTER TABLE attendees ADD COLUMN public_id TEXT;
ALTER TABLE attendees ADD COLUMN affiliation TEXT;
ALTER TABLE attendees ADD COLUMN link TEXT;
UPDATE attendees SET public_id = lower(hex(randomblob(8))) WHERE archive_named = 1;
CREATE UNIQUE INDEX attendees_public_id ON attendees(public_id) WHERE public_id IS NOT NULL;
-- The people page lists an event's named attendees.
CREATE INDEX attendees_named ON attendees(event_id, archive_named);
-- A person page reads one attendee's posts and replies.
CREATE INDEX posts_attendee ON posts(attendee_id, id);
CREATE INDEX answers_attendee ON answers(attendee_id, id);
