import { getCloudflareContext } from "@opennextjs/cloudflare";
import { requestOwnerId } from "@/lib/auth/identity";
import { chatIdParam } from "@/lib/chat/chat-history-requests";
import { stopTurnsHere } from "@/lib/chat/stop-watch";
import { requestStop } from "@/lib/db/queries";
import { HttpError } from "@/lib/http/http-error";
import { errorResponse } from "@/lib/http/json-error";
import { parseOrThrow } from "@/lib/http/parse-or-throw";

/**
 * Stop: the reply being generated for this chat ends, keeping what it wrote: at
 * once in this isolate, within about two seconds (the next D1 check) elsewhere.
 */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  try {
    const id = parseOrThrow(chatIdParam, (await params).id);
    const { env } = getCloudflareContext();
    const ownerId = await requestOwnerId(request, env);
    if (!ownerId || !(await requestStop(env.DB, id, ownerId))) throw new HttpError(404, "not_found", "No such chat.");
    stopTurnsHere(id);
    return new Response(null, { status: 202 });
  } catch (error) {
    return errorResponse(error);
  }
}
