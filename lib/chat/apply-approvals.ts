import { isToolUIPart } from "ai";
import { HttpError } from "@/lib/http/http-error";
import type { ChatMessage } from "./chat-message";
import type { ApprovalResponse } from "./chat-request";

/**
 * Records a person's approvals on the stored reply that asked for them. The
 * server's copy is the truth: an approval counts only if the chat's last
 * message is a reply with a tool call waiting on exactly that approval id, so
 * an approval forged for another call, an old call or another chat is refused.
 */
export function applyApprovals(
  lastMessage: ChatMessage | undefined,
  approvals: readonly ApprovalResponse[],
): ChatMessage {
  if (lastMessage?.role !== "assistant") {
    throw new HttpError(400, "invalid_approval", "Nothing in this chat is waiting for approval.");
  }
  const answers = new Map(approvals.map((approval) => [approval.id, approval]));
  if (answers.size !== approvals.length) {
    throw new HttpError(400, "invalid_approval", "Each tool call can be approved or denied only once.");
  }
  const applied = new Set<string>();
  const parts = lastMessage.parts.map((part) => {
    if (!isToolUIPart(part) || part.state !== "approval-requested") return part;
    const answer = answers.get(part.approval.id);
    if (!answer) return part;
    applied.add(answer.id);
    return {
      ...part,
      state: "approval-responded" as const,
      approval: {
        ...part.approval,
        approved: answer.approved,
        ...(answer.reason ? { reason: answer.reason } : {}),
      },
    };
  });
  const unknown = approvals.find((approval) => !applied.has(approval.id));
  if (unknown) {
    throw new HttpError(
      400,
      "invalid_approval",
      `No tool call in this chat is waiting for approval "${unknown.id}". Reload the chat to see its current state.`,
    );
  }
  return { ...lastMessage, parts: parts as ChatMessage["parts"] };
}
