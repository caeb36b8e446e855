-- Earlier versions of a conversation's branch: when a reply is regenerated or a
-- message edited, the messages that were replaced are kept here, keyed by the
-- message they followed ('' when the branch began the chat).
CREATE TABLE message_versions (
  chat_id TEXT NOT NULL REFERENCES chats (id) ON DELETE CASCADE,
  parent_id TEXT NOT NULL,
  version INTEGER NOT NULL,
  messages TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (chat_id, parent_id, version)
);
