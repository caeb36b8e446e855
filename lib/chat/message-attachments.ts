import type { FileUIPart } from "ai";
import type { CatalogModel, ModelCatalog } from "@/lib/ai/catalog";
import { chatFileOfUrl } from "@/lib/files/chat-file-url";
import { getChatAttachmentInfo, getChatFileBytes } from "@/lib/files/chat-files";
import { HttpError } from "@/lib/http/http-error";
import type { ChatMessage } from "./chat-message";
import type { ChatRequest } from "./chat-request";

/** The newest images that go to a vision model as pictures; older ones are named in text (bounds request size). */
export const MAX_IMAGES_IN_PROMPT = 4;

type RequestMessage = NonNullable<ChatRequest["message"]>;

/**
 * The parts to store for a new user message, with every attached image
 * checked: it must be a file this person attached to this chat. Its type and
 * name come from storage, not from the browser. Runs before anything is
 * saved, so a forged reference changes nothing.
 */
export async function verifiedMessageParts(
  env: { FILES: R2Bucket },
  chatId: string,
  ownerId: string,
  message: RequestMessage,
): Promise<ChatMessage["parts"]> {
  const parts: ChatMessage["parts"] = [];
  for (const part of message.parts) {
    if (part.type === "text") {
      parts.push({ type: "text", text: part.text });
      continue;
    }
    const stored = chatFileOfUrl(part.url);
    const info = stored && stored.chatId === chatId ? await getChatAttachmentInfo(env.FILES, stored.key) : null;
    if (!info || info.ownerId !== ownerId || info.chatId !== chatId) {
      throw new HttpError(
        400,
        "invalid_attachment",
        "An attached image isn't one you uploaded to this chat (or it was removed). Attach it again.",
      );
    }
    const filename = part.filename?.trim() || info.name;
    parts.push({ type: "file", mediaType: info.mediaType, url: part.url, ...(filename ? { filename } : {}) });
  }
  return parts;
}

/** Refuses images for a model that cannot see them, naming one that can. */
export function requireVisionFor(model: CatalogModel, catalog: ModelCatalog, parts: ChatMessage["parts"]): void {
  if (model.vision || !parts.some((part) => part.type === "file")) return;
  const seeing = catalog.models.find((candidate) => candidate.vision);
  throw new HttpError(
    400,
    "model_cannot_see_images",
    `${model.name} can't read images. ${seeing ? `Switch to a model with vision, such as ${seeing.name}, or remove the images.` : "Remove the images to send this message."}`,
  );
}

function describeImage(part: FileUIPart, why: string): { type: "text"; text: string } {
  return { type: "text", text: `[Image${part.filename ? ` “${part.filename}”` : ""}: ${why}]` };
}

/**
 * The history as the model should get it: the newest images of this chat are
 * inlined as data URLs (the provider sends those to Workers AI as
 * image_url parts); older ones, any the model can't see, and any no longer
 * stored become a short note in text, so the model knows an image was there.
 */
export async function inlineImages(
  history: ChatMessage[],
  env: { FILES: R2Bucket },
  chatId: string,
  vision: boolean,
): Promise<ChatMessage[]> {
  let budget = vision ? MAX_IMAGES_IN_PROMPT : 0;
  const out: ChatMessage[] = [];
  for (let m = history.length - 1; m >= 0; m--) {
    const message = history[m] as ChatMessage;
    if (!message.parts.some((part) => part.type === "file")) {
      out.push(message);
      continue;
    }
    const parts: ChatMessage["parts"] = [];
    // Newest first within the message too, so the budget keeps the latest pictures.
    for (let p = message.parts.length - 1; p >= 0; p--) {
      const part = message.parts[p] as ChatMessage["parts"][number];
      if (part.type !== "file") {
        parts.unshift(part);
        continue;
      }
      if (!vision) {
        parts.unshift(describeImage(part, "not shown, this model cannot see images"));
        continue;
      }
      if (budget <= 0) {
        parts.unshift(describeImage(part, "an earlier picture, no longer shown"));
        continue;
      }
      const stored = chatFileOfUrl(part.url);
      const bytes = stored && stored.chatId === chatId ? await getChatFileBytes(env.FILES, stored.key) : null;
      if (!bytes) {
        parts.unshift(describeImage(part, "no longer available"));
        continue;
      }
      budget -= 1;
      parts.unshift({ ...part, url: `data:${part.mediaType};base64,${toBase64(bytes)}` });
    }
    out.push({ ...message, parts });
  }
  return out.reverse();
}

function toBase64(bytes: Uint8Array): string {
  let binary = "";
  // In slices: String.fromCharCode(...all) would overflow the argument limit.
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}
