import { z } from "zod";
import { MAX_ATTACHMENTS_PER_MESSAGE } from "@/lib/files/attachment-limits";
import { chatFileOfUrl } from "@/lib/files/chat-file-url";
import { chatSettingsSchema } from "./chat-settings-schema";

export const MAX_MESSAGE_CHARS = 20_000;

const textPart = z.object({
  type: z.literal("text"),
  text: z.string().max(MAX_MESSAGE_CHARS, `A message can be at most ${MAX_MESSAGE_CHARS} characters.`),
});

/**
 * An image attached to the message: a reference to a file uploaded to this
 * chat (POST /api/chats/:id/attachments), never the bytes. The server checks
 * that the file is one this person attached to this chat and takes its type
 * from storage, so `mediaType` here is only what the browser shows.
 */
const filePart = z.object({
  type: z.literal("file"),
  mediaType: z.string().max(100),
  url: z
    .string()
    .max(400)
    .refine((url) => chatFileOfUrl(url) !== null, "Attach images by uploading them to the chat first."),
  filename: z.string().max(255).optional(),
});

export const idString = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[A-Za-z0-9_-]+$/, "ids may contain only letters, digits, '_' and '-'");

/** A model id; whether the catalog offers it is checked where the catalog is at hand. */
export const modelId = z.string().min(1).max(200);

/** A person's answer to a tool call that waited for approval; only these states are taken from the browser. */
export const approvalResponse = z.object({
  id: idString,
  approved: z.boolean(),
  reason: z.string().max(500).optional(),
});

/**
 * What the browser sends for one turn: the new message (the server holds the
 * history), or its answers to the tool calls awaiting approval at the end of
 * the chat.
 */
// Strict at the top: only our page sends it, so an unknown field is a mistake, not an extension.
// The message inside stays lenient: useChat adds fields of its own (metadata) that we don't keep.
export const chatRequestSchema = z
  .strictObject({
    id: idString,
    message: z
      .object({
        id: idString,
        role: z.literal("user"),
        parts: z
          .array(z.discriminatedUnion("type", [textPart, filePart]))
          .min(1)
          .max(20),
      })
      .refine((message) => message.parts.some((part) => part.type === "file" || part.text.trim().length > 0), {
        message: "The message is empty.",
        path: ["parts"],
      })
      .refine((message) => message.parts.filter((part) => part.type === "file").length <= MAX_ATTACHMENTS_PER_MESSAGE, {
        message: `A message can have at most ${MAX_ATTACHMENTS_PER_MESSAGE} images.`,
        path: ["parts"],
      })
      .optional(),
    approvals: z.array(approvalResponse).min(1).max(20).optional(),
    /**
     * "regenerate": answer `message` (already in the chat) again; the old reply is kept as a version.
     * Sending a message whose id is already in the chat edits it; the old branch is kept as a version.
     */
    trigger: z.enum(["submit", "regenerate"]).optional(),
    model: modelId.optional(),
    /**
     * The browser's word that this is the chat's first message. A hint, never trusted: the server then
     * skips reading the chat and creates it outright, and if a chat with this id exists after all, the
     * create changes nothing and the turn is answered the usual way (including 404 for someone else's).
     */
    newChat: z.literal(true).optional(),
    /** Sent when the person changed them: stored on the chat and used from this turn on. */
    settings: chatSettingsSchema.optional(),
  })
  .refine((request) => (request.message === undefined) !== (request.approvals === undefined), {
    message: "Send either a message or approvals, not both or neither.",
  });

export type ChatRequest = z.infer<typeof chatRequestSchema>;
export type ApprovalResponse = z.infer<typeof approvalResponse>;
