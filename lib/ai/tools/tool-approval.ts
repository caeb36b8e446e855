/**
 * Tools that act on the outside world or cost money: a person approves each
 * call unless they chose "always allow" for the chat. Zod- and import-free so
 * the browser can use it too.
 */
export const TOOLS_NEEDING_APPROVAL = ["generate_image", "fetch_web_page"] as const;

export type ApprovalToolName = (typeof TOOLS_NEEDING_APPROVAL)[number];

export function needsApproval(toolName: string): toolName is ApprovalToolName {
  return (TOOLS_NEEDING_APPROVAL as readonly string[]).includes(toolName);
}

/** streamText's toolApproval: ask the user for each approval tool, except those always allowed in this chat. */
export function toolApprovalFor(
  alwaysAllowed: readonly string[],
): Record<ApprovalToolName, "user-approval" | "not-applicable"> {
  return Object.fromEntries(
    TOOLS_NEEDING_APPROVAL.map((name) => [name, alwaysAllowed.includes(name) ? "not-applicable" : "user-approval"]),
  ) as Record<ApprovalToolName, "user-approval" | "not-applicable">;
}
