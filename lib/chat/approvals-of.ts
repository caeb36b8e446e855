import { isToolUIPart } from "ai";
import type { ChatMessage } from "./chat-message";
import type { ApprovalResponse } from "./chat-request";

/** The answers a person gave to a reply's tool calls, as the chat route expects them. */
export function approvalsOf(message: ChatMessage): ApprovalResponse[] {
  return message.parts.flatMap((part) =>
    isToolUIPart(part) && part.state === "approval-responded"
      ? [
          {
            id: part.approval.id,
            approved: part.approval.approved,
            ...(part.approval.reason ? { reason: part.approval.reason } : {}),
          },
        ]
      : [],
  );
}
