-- Sidebar and search: who named the chat, the plain text of each message, and
-- an index that serves the (updated_at, id) cursor the chat list pages with.
ALTER TABLE chats ADD COLUMN title_source TEXT NOT NULL DEFAULT 'fallback'
  CHECK (title_source IN ('fallback', 'generated', 'user'));

DROP INDEX chats_owner_updated;
CREATE INDEX chats_owner_updated ON chats (owner_id, updated_at DESC, id DESC);

-- The text parts joined, so search doesn't have to parse JSON.
ALTER TABLE messages ADD COLUMN text TEXT NOT NULL DEFAULT '';
UPDATE messages SET text = COALESCE(
  (SELECT group_concat(json_extract(part.value, '$.text'), ' ')
     FROM json_each(messages.parts) AS part
    WHERE json_extract(part.value, '$.type') = 'text'),
  '');
