-- Anonymity: an anonymous question keeps no name, and the moderation log names its asker only
-- as 'asker'. Existing rows are scrubbed; the triggers keep it so whatever code writes them.
UPDATE questions SET author_name = NULL WHERE anonymous = 1;
UPDATE moderation_log SET actor = 'asker'
  WHERE item_type = 'question' AND actor LIKE 'attendee:%';

CREATE TRIGGER questions_anonymous_no_name_insert AFTER INSERT ON questions
  WHEN NEW.anonymous = 1 AND NEW.author_name IS NOT NULL
BEGIN
  UPDATE questions SET author_name = NULL WHERE id = NEW.id;
END;

CREATE TRIGGER questions_anonymous_no_name_update AFTER UPDATE OF author_name, anonymous ON questions
  WHEN NEW.anonymous = 1 AND NEW.author_name IS NOT NULL
BEGIN
  UPDATE questions SET author_name = NULL WHERE id = NEW.id;
END;

CREATE TRIGGER moderation_log_no_asker AFTER INSERT ON moderation_log
  WHEN NEW.item_type = 'question' AND NEW.actor LIKE 'attendee:%'
BEGIN
  UPDATE moderation_log SET actor = 'asker' WHERE id = NEW.id;
END;

-- Keys rotate one kind at a time: each kind has its own version (events.key_version was one for
-- all three and is no longer read). A session's speaker key follows the speaker version.
ALTER TABLE events ADD COLUMN moderator_key_version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE events ADD COLUMN speaker_key_version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE events ADD COLUMN api_key_version INTEGER NOT NULL DEFAULT 1;
UPDATE events SET moderator_key_version = key_version, speaker_key_version = key_version,
  api_key_version = key_version;
