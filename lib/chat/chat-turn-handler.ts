import { identify } from "@/lib/auth/identity";
import { PER_IDENTITY_TURN_RULE, requireWithinBindingLimit } from "@/lib/http/binding-rate-limit";
import { errorResponse } from "@/lib/http/json-error";
import { readJsonBody } from "@/lib/http/read-json-body";
import { withSetCookie } from "@/lib/http/with-set-cookie";
import { chatRequestSchema } from "./chat-request";
import { streamChatReply } from "./stream-chat-reply";

/** Where the browser posts a chat turn. The Worker entry answers it directly (see lib/worker/entry.ts). */
export const CHAT_TURN_PATH = "/api/chat";

/**
 * POST /api/chat: parse, identify, rate-limit, then stream the turn. Shared by
 * the Next route handler and the Worker entry's fast path, which answers the
 * hottest request without Next's router in front of it.
 */
export async function handleChatTurn(request: Request, env: CloudflareEnv, ctx: ExecutionContext): Promise<Response> {
  // A newly minted identity is handed out even when the turn fails: the chat
  // and the user's message are already saved under it.
  let setCookie: string | undefined;
  try {
    const body = await readJsonBody(request, chatRequestSchema);
    const identity = await identify(request, env);
    setCookie = identity.setCookie;
    await requireWithinBindingLimit(env.TURN_RATE_LIMITER, `owner:${identity.ownerId}`, PER_IDENTITY_TURN_RULE, env);
    const response = await streamChatReply(body, {
      env,
      ownerId: identity.ownerId,
      waitUntil: (promise) => ctx.waitUntil(promise),
    });
    return withSetCookie(response, setCookie);
  } catch (error) {
    return withSetCookie(errorResponse(error), setCookie);
  }
}
