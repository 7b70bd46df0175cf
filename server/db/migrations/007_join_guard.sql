-- Identities cost something: a join spends an ALTCHA challenge (each usable once, kept until it
-- expires), remembers where it came from as keyed hashes (never the address itself) so a block
-- can follow its author to a new identity, and votes from fresh identities beyond a question's
-- allowance wait for a moderator instead of counting.
CREATE TABLE join_challenges_used (
  signature TEXT PRIMARY KEY,
  expires_at INTEGER NOT NULL                    -- unix ms; forgotten after this
) WITHOUT ROWID;
CREATE INDEX join_challenges_used_expiry ON join_challenges_used(expires_at);

ALTER TABLE attendees ADD COLUMN device_hash TEXT;
ALTER TABLE attendees ADD COLUMN address_hash TEXT;
CREATE INDEX attendees_device ON attendees(event_id, device_hash) WHERE device_hash IS NOT NULL;
CREATE INDEX attendees_address ON attendees(event_id, address_hash) WHERE address_hash IS NOT NULL;

-- 1: cast by a fresh identity past the allowance; not in questions.votes until released.
ALTER TABLE votes ADD COLUMN held INTEGER NOT NULL DEFAULT 0;
CREATE INDEX votes_held ON votes(question_id) WHERE held = 1;
