-- The moderators' list of every post, newest first, pages by id within an event. Without this
-- index SQLite found the event's posts through another index and sorted all of them for each
-- page; with it, a page is a range read however many posts the event has.
CREATE INDEX posts_event_id ON posts(event_id, id);
