-- Shared links: one per chat, a snapshot of the chat when it was (last) shared.
-- The id is the whole secret of the link (144 random bits).
CREATE TABLE shares (
  id TEXT PRIMARY KEY NOT NULL,
  chat_id TEXT NOT NULL UNIQUE REFERENCES chats (id) ON DELETE CASCADE,
  owner_id TEXT NOT NULL,
  title TEXT NOT NULL,
  snapshot TEXT NOT NULL,
  include_system_prompt INTEGER NOT NULL DEFAULT 0,
  indexable INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX shares_owner_updated ON shares (owner_id, updated_at DESC);

-- Fixed-window counters for rate limits (e.g. share links per owner per hour).
CREATE TABLE rate_limits (
  key TEXT PRIMARY KEY NOT NULL,
  window_start INTEGER NOT NULL,
  count INTEGER NOT NULL
);
