import { isToolUIPart } from "ai";
import type { ChatMessage } from "./chat-message";

export interface ChatExport {
  title: string;
  model: string;
  createdAt: number;
  messages: ChatMessage[];
}

/** A file name from a chat title: letters, digits and dashes. */
export function exportFileName(title: string, extension: "md" | "json"): string {
  const slug = title
    .normalize("NFKD")
    .replace(/[^\w\s-]/g, "")
    .trim()
    .replace(/\s+/g, "-")
    .slice(0, 60)
    .toLowerCase();
  return `${slug || "chat"}.${extension}`;
}

/** The conversation as readable Markdown: headings per speaker, tool calls as fenced JSON. */
export function chatToMarkdown(chat: ChatExport): string {
  const lines = [`# ${chat.title}`, "", `_Exported from Workers AI Chat · model ${chat.model}_`, ""];
  for (const message of chat.messages) {
    lines.push(message.role === "user" ? "## You" : "## Assistant", "");
    for (const part of message.parts) {
      if (part.type === "text") lines.push(part.text, "");
      else if (part.type === "file")
        lines.push(`![${(part.filename ?? "Image").replace(/[[\]]/g, "")}](${part.url})`, "");
      else if (part.type === "reasoning")
        lines.push("<details><summary>Reasoning</summary>", "", part.text, "", "</details>", "");
      else if (isToolUIPart(part)) {
        const name = part.type === "dynamic-tool" ? part.toolName : part.type.slice("tool-".length);
        lines.push(
          `**Tool: ${name}** (${part.state})`,
          "",
          "```json",
          JSON.stringify(
            {
              input: part.input,
              ...(part.state === "output-available" ? { output: part.output } : {}),
              ...(part.state === "output-error" ? { error: part.errorText } : {}),
            },
            null,
            2,
          ),
          "```",
          "",
        );
      }
    }
  }
  return `${lines.join("\n").trimEnd()}\n`;
}
