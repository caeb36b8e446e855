import { z } from "zod";
import { decodeChatCursor } from "./chat-cursor";
import { idString, modelId } from "./chat-request";
import { chatSettingsSchema } from "./chat-settings-schema";

export const MAX_TITLE_CHARS = 100;
export const MAX_SEARCH_CHARS = 200;
export const CHAT_PAGE_SIZE = 30;
export const MESSAGE_PAGE_SIZE = 50;

/** A positive whole number from a query string, with a default when absent. */
function pageSize(defaultSize: number, max: number) {
  return z.coerce.number().int().min(1).max(max).default(defaultSize);
}

/** GET /api/chats?q=&cursor=&limit= (other query parameters, like cache busters, are ignored). */
export const listChatsQuery = z.object({
  q: z
    .string()
    .max(MAX_SEARCH_CHARS, `A search can be at most ${MAX_SEARCH_CHARS} characters.`)
    .transform((q) => q.trim())
    .optional(),
  cursor: z
    .string()
    .max(400)
    .transform((value, context) => {
      const cursor = decodeChatCursor(value);
      if (!cursor) {
        context.addIssue({
          code: "custom",
          message: "Not a cursor from this API; use nextCursor from a previous page.",
        });
        return z.NEVER;
      }
      return cursor;
    })
    .optional(),
  limit: pageSize(CHAT_PAGE_SIZE, 100),
});

/** GET /api/chats/[id]/messages?before=&limit= (other query parameters are ignored). */
export const messagePageQuery = z.object({
  before: idString.optional(),
  limit: pageSize(MESSAGE_PAGE_SIZE, 200),
});

const chatTitle = z
  .string()
  .transform((title) => title.replace(/\s+/g, " ").trim())
  .pipe(
    z
      .string()
      .min(1, "A title can't be empty.")
      .max(MAX_TITLE_CHARS, `A title can be at most ${MAX_TITLE_CHARS} characters.`),
  );

/**
 * PATCH /api/chats/[id]: any of title, model (checked against the catalog later) and settings.
 * Strict: only our own pages send it, so an unknown field is a mistake (a typo'd "titel" would
 * otherwise answer 200 and change nothing).
 */
export const updateChatBody = z
  .strictObject({
    title: chatTitle.optional(),
    model: modelId.optional(),
    settings: chatSettingsSchema.optional(),
  })
  .refine((body) => body.title !== undefined || body.model !== undefined || body.settings !== undefined, {
    message: "Send at least one of title, model or settings.",
  });

export const chatIdParam = idString;
