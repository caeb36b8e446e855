import { getToolOrDynamicToolName, isToolUIPart } from "ai";
import { describe, expect, it } from "vitest";
import type { ChatMessage } from "@/lib/chat/chat-message";
import { isToolPart, toolNameOf } from "./tool-part";

type Part = ChatMessage["parts"][number];

// Parts of every kind a chat message holds; the local helpers must agree with the SDK's on each.
const parts: Part[] = [
  { type: "text", text: "hi" },
  { type: "reasoning", text: "thinking" },
  { type: "step-start" },
  { type: "file", mediaType: "image/png", url: "/api/files/images/a.png" },
  { type: "data-title", data: { chatId: "c1", title: "A title" } },
  { type: "tool-calculator", toolCallId: "t1", state: "input-available", input: { expression: "1+1" } },
  {
    type: "tool-generate_image",
    toolCallId: "t2",
    state: "approval-requested",
    input: { prompt: "a harbour" },
    approval: { id: "a1" },
  },
  { type: "dynamic-tool", toolName: "some-mcp-tool", toolCallId: "t3", state: "input-streaming", input: undefined },
];

describe("tool parts", () => {
  it("tells tool calls from other parts exactly as the ai SDK does", () => {
    for (const part of parts) expect(isToolPart(part), part.type).toBe(isToolUIPart(part));
  });

  it("names the tool as the ai SDK does, including names with dashes", () => {
    for (const part of parts) {
      if (isToolPart(part)) expect(toolNameOf(part)).toBe(getToolOrDynamicToolName(part));
    }
    // Not one of our tools (the cast): names may contain dashes, and the name is all of it after `tool-`.
    const dashed = { ...parts[5], type: "tool-fetch-web-page" } as unknown as Extract<Part, { toolCallId: string }>;
    expect(toolNameOf(dashed)).toBe("fetch-web-page");
    expect(toolNameOf(dashed)).toBe(getToolOrDynamicToolName(dashed));
  });
});
