/** Reads an OpenAI-style SSE response into its `data:` payloads (parsed JSON, or the string "[DONE]"). */
export async function readOpenAiEvents(response: Response): Promise<unknown[]> {
  const text = await response.text();
  return text
    .split("\n\n")
    .map((block) => block.trim())
    .filter((block) => block.startsWith("data:"))
    .map((block) => {
      const data = block.slice(5).trim();
      return data === "[DONE]" ? data : (JSON.parse(data) as unknown);
    });
}
