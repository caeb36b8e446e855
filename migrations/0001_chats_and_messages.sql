-- Conversations and their messages. owner_id is filled by the identity cookie.
CREATE TABLE chats (
  id TEXT PRIMARY KEY,
  owner_id TEXT,
  title TEXT NOT NULL DEFAULT 'New chat',
  model TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX chats_owner_updated ON chats (owner_id, updated_at DESC);

-- Message ids come from the browser, so they are unique per chat, not globally.
CREATE TABLE messages (
  id TEXT NOT NULL,
  chat_id TEXT NOT NULL REFERENCES chats (id) ON DELETE CASCADE,
  role TEXT NOT NULL CHECK (role IN ('system', 'user', 'assistant')),
  parts TEXT NOT NULL,
  metadata TEXT,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (chat_id, id)
);
CREATE INDEX messages_chat_created ON messages (chat_id, created_at);
