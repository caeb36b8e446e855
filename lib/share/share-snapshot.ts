import { isToolUIPart } from "ai";
import { withoutOfflineDirectives } from "@/lib/ai/offline-args";
import type { ChatMessage } from "@/lib/chat/chat-message";
import { chatFileOfUrl } from "@/lib/files/chat-file-url";

/** What a share link shows: the chat as it was when shared, with nothing internal in it. */
export interface ShareSnapshot {
  title: string;
  model: string;
  /** When the chat began and when this snapshot was taken (epoch ms). */
  chatCreatedAt: number;
  sharedAt: number;
  /** Only when the owner chose to include it. */
  systemPrompt?: string;
  messages: ChatMessage[];
  /** Images the snapshot shows: the public file name and where it lives in R2. */
  files: SharedFile[];
}

export interface SharedFile {
  name: string;
  key: string;
}

export function sharedFileUrl(shareId: string, name: string): string {
  return `/api/shares/${shareId}/images/${name}`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Replaces URLs inside text and reasoning: a reply may quote an image's URL,
 * which would otherwise carry the chat's id onto the public page (and not load
 * there, since /api/files serves only the chat's owner).
 */
export function replaceUrlsInText(messages: ChatMessage[], urls: ReadonlyMap<string, string>): ChatMessage[] {
  if (urls.size === 0) return messages;
  const replace = (text: string) => {
    let out = text;
    for (const [from, to] of urls) out = out.split(from).join(to);
    return out;
  };
  return messages.map((message) => ({
    ...message,
    parts: message.parts.map((part) =>
      part.type === "text" || part.type === "reasoning" ? { ...part, text: replace(part.text) } : part,
    ),
  }));
}

/**
 * Copies a chat's messages for a share link: message and tool-call ids become
 * plain counters (they are internal), pending approvals lose their ids, and
 * image URLs (attached images, tool outputs, and URLs quoted in text) point at
 * the share's own file route, which serves them only while the link exists.
 */
export function snapshotMessages(
  messages: readonly ChatMessage[],
  shareId: string,
): { messages: ChatMessage[]; files: SharedFile[] } {
  const files: SharedFile[] = [];
  const urls = new Map<string, string>();
  let toolCalls = 0;
  const shared = messages.map((message, index): ChatMessage => {
    const parts = message.parts.map((part) => {
      if (part.type === "file") {
        // An attached image: served from the share's own route like generated ones.
        const stored = chatFileOfUrl(part.url);
        if (!stored) return part;
        const url = sharedFileUrl(shareId, stored.name);
        files.push({ name: stored.name, key: stored.key });
        urls.set(part.url, url);
        return { ...part, url };
      }
      if (!isToolUIPart(part)) return part;
      toolCalls += 1;
      let copy = { ...part, toolCallId: `call-${toolCalls}` } as typeof part;
      if ("approval" in copy && copy.approval) {
        copy = { ...copy, approval: { ...copy.approval, id: `approval-${toolCalls}` } } as typeof part;
      }
      if (copy.state === "output-available" && isRecord(copy.output) && typeof copy.output.url === "string") {
        const stored = chatFileOfUrl(copy.output.url);
        if (stored) {
          const url = sharedFileUrl(shareId, stored.name);
          files.push({ name: stored.name, key: stored.key });
          urls.set(copy.output.url, url);
          copy = { ...copy, output: { ...copy.output, url } } as typeof part;
        }
      }
      return copy;
    });
    return {
      id: `m${index + 1}`,
      role: message.role,
      parts: parts as ChatMessage["parts"],
      ...(message.metadata ? { metadata: message.metadata } : {}),
    };
  });
  const unique = [...new Map(files.map((file) => [file.name, file])).values()];
  return { messages: replaceUrlsInText(shared, urls), files: unique };
}

/** The first user message and the start of the first reply: what a link preview describes. */
export function firstExchange(snapshot: ShareSnapshot): { question: string; answer: string } {
  const textOf = (message: ChatMessage | undefined) =>
    (message?.parts ?? []).map((part) => (part.type === "text" ? part.text : "")).join(" ");
  const question = snapshot.messages.find((message) => message.role === "user");
  const answer = snapshot.messages.find((message) => message.role === "assistant");
  return { question: withoutOfflineDirectives(textOf(question)), answer: withoutOfflineDirectives(textOf(answer)) };
}
