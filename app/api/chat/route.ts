import { getCloudflareContext } from "@opennextjs/cloudflare";
import { identify } from "@/lib/auth/identity";
import { chatRequestSchema } from "@/lib/chat/chat-request";
import { streamChatReply } from "@/lib/chat/stream-chat-reply";
import { PER_IDENTITY_TURN_RULE, requireWithinBindingLimit } from "@/lib/http/binding-rate-limit";
import { errorResponse } from "@/lib/http/json-error";
import { readJsonBody } from "@/lib/http/read-json-body";
import { withSetCookie } from "@/lib/http/with-set-cookie";

export async function POST(request: Request): Promise<Response> {
  // A newly minted identity is handed out even when the turn fails: the chat
  // and the user's message are already saved under it.
  let setCookie: string | undefined;
  try {
    const body = await readJsonBody(request, chatRequestSchema);
    const { env, ctx } = getCloudflareContext();
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
