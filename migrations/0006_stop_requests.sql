-- Stop: the browser's Stop asks the server to end a reply still being generated
-- (the generation outlives the request, so the flag lives with the chat).
ALTER TABLE chats ADD COLUMN stop_requested_at INTEGER;
