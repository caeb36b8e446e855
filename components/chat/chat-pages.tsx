"use client";

// The one client entry of both chat pages (`/` and `/chat/[id]`). Next bundles each client
// reference into its own server chunk group, so two entries (NewChat, Chat) made two copies of the
// whole chat client (~680 KB each) in the Worker; one shared entry keeps a single copy, and the
// browser caches one chunk for both pages.
export { Chat } from "./chat";
export { NewChat } from "./new-chat";
