import { MessageImage } from "@/components/chat/message-image";
import { MessageMeta } from "@/components/chat/message-meta";
import { isToolPart } from "@/components/chat/tool-part";
import type { CatalogModel } from "@/lib/ai/catalog";
import type { ChatMessage } from "@/lib/chat/chat-message";
import { ServerMarkdown } from "./server-markdown";
import { SharedToolCall } from "./shared-tool-call";

type Part = ChatMessage["parts"][number];

/**
 * A shared chat's messages, read-only and rendered on the server: the chat's rows without
 * approval or message actions. Only code blocks (copy, lazy colours) hydrate in the browser.
 */
export function SharedTranscript({ messages, models }: { messages: ChatMessage[]; models: readonly CatalogModel[] }) {
  const names = new Map(models.map((model) => [model.id, model.name]));
  return (
    <div role="log" aria-label="Messages" className="flex flex-col gap-6">
      {messages.map((message) => {
        const isUser = message.role === "user";
        const model = message.metadata?.model;
        return (
          <article
            key={message.id}
            aria-label={isUser ? "Your message" : "Assistant message"}
            data-role={message.role}
            className={isUser ? "ml-auto max-w-[85%]" : "w-full"}
          >
            <div
              className={
                isUser
                  ? "flex flex-col gap-2 rounded-2xl bg-zinc-100 px-4 py-2.5 dark:bg-zinc-800"
                  : "flex flex-col gap-3 leading-7"
              }
            >
              {message.parts.map((part, index) => (
                // Parts are positional and never reorder in a snapshot.
                <SharedPart key={index} part={part} isUser={isUser} />
              ))}
            </div>
            {!isUser && message.metadata && (
              <MessageMeta metadata={message.metadata} modelName={model ? (names.get(model) ?? model) : undefined} />
            )}
          </article>
        );
      })}
    </div>
  );
}

function SharedPart({ part, isUser }: { part: Part; isUser: boolean }) {
  if (part.type === "text") {
    // People type code and symbols that must show exactly as typed: only replies are markdown.
    if (!isUser) return <ServerMarkdown text={part.text} />;
    return <div className="whitespace-pre-wrap break-words">{part.text}</div>;
  }
  if (part.type === "reasoning") {
    return (
      <details className="rounded-lg border border-zinc-200 px-3 py-2 text-sm dark:border-zinc-800">
        <summary className="cursor-pointer text-zinc-600 dark:text-zinc-400">Reasoning</summary>
        <div className="mt-2 whitespace-pre-wrap text-zinc-600 dark:text-zinc-400">{part.text}</div>
      </details>
    );
  }
  // Attached images: the snapshot already points them at the share's own image route.
  if (part.type === "file") return <MessageImage part={part} />;
  if (isToolPart(part)) return <SharedToolCall part={part} />;
  return null;
}
