-- Duplicate questions. A moderator merges a duplicate into a target: the duplicate is dismissed
-- (so every public list drops it) and remembers its target and the status it had, so the merge
-- can be undone. Its votes stay where they were; each voter who had not voted for the target
-- gets a copy of their vote on it, marked with the duplicate it came from. An attendee who voted
-- for both is counted once, and an unmerge deletes exactly the copies, leaving every vote as it
-- was before.
ALTER TABLE questions ADD COLUMN merged_into INTEGER REFERENCES questions(id) ON DELETE SET NULL;
ALTER TABLE questions ADD COLUMN merged_from_status TEXT;
ALTER TABLE questions ADD COLUMN merged_at TEXT;
CREATE INDEX questions_merged_into ON questions(merged_into) WHERE merged_into IS NOT NULL;

ALTER TABLE votes ADD COLUMN merged_from INTEGER;
CREATE INDEX votes_merged_from ON votes(merged_from) WHERE merged_from IS NOT NULL;

-- How alike two questions must be (shared/similarity.ts, 0 to 1) to be offered as the same.
ALTER TABLE events ADD COLUMN duplicate_threshold REAL NOT NULL DEFAULT 0.6;
