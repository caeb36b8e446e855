import { generateId, isToolUIPart } from "ai";
import type { ChatMessage } from "@/lib/chat/chat-message";
import { createChat, insertMessages } from "@/lib/db/queries";
import { getShare } from "@/lib/db/shares";
import { chatFileUrl } from "@/lib/files/chat-file-url";
import { copyChatFile } from "@/lib/files/chat-files";
import { HttpError } from "@/lib/http/http-error";
import { requireWithinRateLimit } from "@/lib/http/require-within-rate-limit";
import { replaceUrlsInText, sharedFileUrl } from "./share-snapshot";

/** Forks per visitor per hour. */
export const FORK_RATE_LIMIT = { limit: 30, windowMs: 60 * 60 * 1000 };

/**
 * "Continue this conversation": copies a shared snapshot into a new chat owned
 * by the visitor, images (generated and attached) included, so it lives on
 * even if the link is revoked.
 * Returns the new chat's id.
 */
export async function forkShare(env: CloudflareEnv, shareId: string, ownerId: string): Promise<string> {
  const share = await getShare(env.DB, shareId);
  if (!share) throw new HttpError(404, "not_found", "This shared link doesn't exist or was revoked.");
  // Each fork writes a chat and copies images: cap it like link creation.
  await requireWithinRateLimit(
    env.DB,
    `fork:${ownerId}`,
    FORK_RATE_LIMIT,
    "You've copied many shared chats recently. Try again later.",
  );
  const chatId = generateId();

  const urls = new Map<string, string>();
  for (const file of share.snapshot.files) {
    const key = await copyChatFile(env.FILES, file.key, { chatId, ownerId });
    if (key) urls.set(sharedFileUrl(shareId, file.name), chatFileUrl(key));
  }
  const messages = replaceUrlsInText(share.snapshot.messages, urls).map(
    (message): ChatMessage => ({
      ...message,
      parts: message.parts.map((part) => {
        if (part.type === "file") {
          const url = urls.get(part.url);
          return url ? { ...part, url } : part;
        }
        if (!isToolUIPart(part) || part.state !== "output-available") return part;
        const output = part.output as { url?: unknown } | null;
        const url = typeof output?.url === "string" ? urls.get(output.url) : undefined;
        return url ? { ...part, output: { ...(output as object), url } } : part;
      }) as ChatMessage["parts"],
    }),
  );

  await createChat(env.DB, { id: chatId, ownerId, model: share.snapshot.model, title: share.snapshot.title });
  await insertMessages(env.DB, chatId, messages);
  return chatId;
}
