-- Answers follow a merged question (issue 14). Merging a duplicate moves its answers and replies
-- under the question it went into (so the archive, the apps and search show them there), and
-- each moved answer remembers the question it was written for, so an unmerge takes exactly those
-- back. A question keeps one accepted answer: when both had one, the target's stays accepted and
-- the duplicate's is set aside, marked with the merge that did it, and accepted again by the
-- unmerge.
ALTER TABLE answers ADD COLUMN merged_from INTEGER;
ALTER TABLE answers ADD COLUMN unaccepted_by_merge INTEGER;
CREATE INDEX answers_merged_from ON answers(merged_from) WHERE merged_from IS NOT NULL;
CREATE INDEX answers_unaccepted_by_merge ON answers(unaccepted_by_merge)
  WHERE unaccepted_by_merge IS NOT NULL;
