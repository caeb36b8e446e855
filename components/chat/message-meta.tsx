import type { ChatMessageMetadata } from "@/lib/chat/chat-message";

function tokensPerSecond(outputTokens: number | undefined, generationMs: number | undefined): string | null {
  if (!outputTokens || !generationMs || generationMs < 50) return null;
  return `${(outputTokens / (generationMs / 1000)).toFixed(1)} tokens/s`;
}

/** The line under a finished reply: who wrote it, how long and how fast, and how it ended. */
export function MessageMeta({ metadata, modelName }: { metadata: ChatMessageMetadata; modelName?: string }) {
  const speed = tokensPerSecond(metadata.usage?.outputTokens, metadata.generationMs);
  return (
    <footer className="mt-1 flex flex-wrap gap-x-3 text-xs text-zinc-500 dark:text-zinc-400">
      {metadata.offline ? (
        <span>Offline mode (no model)</span>
      ) : (
        <span title={metadata.model}>{modelName ?? metadata.model}</span>
      )}
      {metadata.usage?.outputTokens !== undefined && <span>{metadata.usage.outputTokens} tokens</span>}
      {speed && <span>{speed}</span>}
      {metadata.stopped ? (
        <span>Stopped</span>
      ) : (
        metadata.incomplete && <span className="text-red-700 dark:text-red-400">Incomplete reply</span>
      )}
      {metadata.finishReason === "length" && <span>Stopped at the output limit</span>}
    </footer>
  );
}
