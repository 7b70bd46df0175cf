-- Where each outside source got to, per event, so a restart or a reconnect asks for what it
-- missed rather than starting over. For X, `cursor` is a tweet id: everything up to it has
-- been taken in (it is the since_id of the next back-fill).
CREATE TABLE source_state (
  event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
  source TEXT NOT NULL,
  cursor TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (event_id, source)
) WITHOUT ROWID;
