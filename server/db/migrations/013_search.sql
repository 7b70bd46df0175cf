-- Full-text search over what an event said, in one FTS5 index. Words are folded by unicode61
-- (case, and accents with remove_diacritics 2) and stemmed by porter, so "Émilie" finds
-- "emilie" and "scaling" finds "scales". Prefix indexes of 2 and 3 characters keep `ku*` fast.
--
-- The rowid says whose row it is: ((event_id * 4 + kind) << 34) + item id, kind 0 post,
-- 1 question (2 and 3 are kept for answers and replies). One event's items of one kind are then
-- a contiguous rowid range, which FTS5 walks newest first without reading other events.
--
-- Triggers keep the index in the transaction that writes the item, so a committed item is
-- searchable and a rolled-back one never was. An anonymous question indexes no author: a
-- search by the asker's name must not find it.
CREATE VIRTUAL TABLE search_index USING fts5(
  body,
  author,
  tokenize = 'porter unicode61 remove_diacritics 2',
  prefix = '2 3'
);

CREATE TRIGGER search_posts_insert AFTER INSERT ON posts BEGIN
  INSERT INTO search_index (rowid, body, author) VALUES (
    ((new.event_id * 4 + 0) << 34) + new.id,
    new.text,
    new.author_name || ' ' || coalesce(new.author_handle, '')
  );
END;

CREATE TRIGGER search_posts_update AFTER UPDATE OF text, author_name, author_handle ON posts BEGIN
  DELETE FROM search_index WHERE rowid = ((old.event_id * 4 + 0) << 34) + old.id;
  INSERT INTO search_index (rowid, body, author) VALUES (
    ((new.event_id * 4 + 0) << 34) + new.id,
    new.text,
    new.author_name || ' ' || coalesce(new.author_handle, '')
  );
END;

CREATE TRIGGER search_posts_delete AFTER DELETE ON posts BEGIN
  DELETE FROM search_index WHERE rowid = ((old.event_id * 4 + 0) << 34) + old.id;
END;

CREATE TRIGGER search_questions_insert AFTER INSERT ON questions BEGIN
  INSERT INTO search_index (rowid, body, author) VALUES (
    ((new.event_id * 4 + 1) << 34) + new.id,
    new.text,
    CASE WHEN new.anonymous = 1 THEN '' ELSE coalesce(new.author_name, '') END
  );
END;

CREATE TRIGGER search_questions_update AFTER UPDATE OF text, author_name, anonymous ON questions BEGIN
  DELETE FROM search_index WHERE rowid = ((old.event_id * 4 + 1) << 34) + old.id;
  INSERT INTO search_index (rowid, body, author) VALUES (
    ((new.event_id * 4 + 1) << 34) + new.id,
    new.text,
    CASE WHEN new.anonymous = 1 THEN '' ELSE coalesce(new.author_name, '') END
  );
END;

CREATE TRIGGER search_questions_delete AFTER DELETE ON questions BEGIN
  DELETE FROM search_index WHERE rowid = ((old.event_id * 4 + 1) << 34) + old.id;
END;

INSERT INTO search_index (rowid, body, author)
  SELECT ((event_id * 4 + 0) << 34) + id, text, author_name || ' ' || coalesce(author_handle, '')
  FROM posts;
INSERT INTO search_index (rowid, body, author)
  SELECT ((event_id * 4 + 1) << 34) + id, text,
    CASE WHEN anonymous = 1 THEN '' ELSE coalesce(author_name, '') END
  FROM questions;
