import { z } from "zod";
import type { ShareSummary } from "@/lib/db/shares";
import { SHARE_ID_PATTERN } from "./share-id";

/** POST /api/chats/[id]/share. Strict, like every body only our own pages send: unknown fields are mistakes. */
export const shareChatBody = z.strictObject({
  includeSystemPrompt: z.boolean().default(false),
  indexable: z.boolean().default(false),
});

/** A share id from a URL: anything not shaped like one is answered like a missing link. */
export const shareIdParam = z.string().regex(SHARE_ID_PATTERN, "not a share link id");

/** A share as the owner's API shows it, with its path. */
export function shareView(share: ShareSummary) {
  return { ...share, path: `/share/${share.id}` };
}
