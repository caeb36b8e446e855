-- Per-chat settings (system prompt, temperature, reply length, reasoning effort)
-- as JSON; NULL means the defaults, so existing chats need no backfill.
ALTER TABLE chats ADD COLUMN settings TEXT;
