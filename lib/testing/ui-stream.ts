import type { UIMessageChunk } from "ai";

/** Reads a UI message SSE response into its chunks (test helper). */
export async function readUIChunks(response: Response): Promise<UIMessageChunk[]> {
  const text = await response.text();
  return text
    .split("\n")
    .filter((line) => line.startsWith("data: ") && line !== "data: [DONE]")
    .map((line) => JSON.parse(line.slice(6)) as UIMessageChunk);
}

export function textOf(chunks: UIMessageChunk[]): string {
  return chunks.map((chunk) => (chunk.type === "text-delta" ? chunk.delta : "")).join("");
}

export function wordCount(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}
