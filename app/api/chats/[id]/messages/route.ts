import { getCloudflareContext } from "@opennextjs/cloudflare";
import { requestOwnerId } from "@/lib/auth/identity";
import { canReadChat } from "@/lib/chat/chat-access";
import { chatIdParam, messagePageQuery } from "@/lib/chat/chat-history-requests";
import { listMessagePage } from "@/lib/db/queries";
import { HttpError } from "@/lib/http/http-error";
import { errorResponse } from "@/lib/http/json-error";
import { parseOrThrow, searchParamsOf } from "@/lib/http/parse-or-throw";

/** A page of a chat's messages, oldest first: the latest ones, or those before `before` (scrolling up). */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  try {
    const id = parseOrThrow(chatIdParam, (await params).id);
    const query = parseOrThrow(messagePageQuery, searchParamsOf(request));
    const { env } = getCloudflareContext();
    const ownerId = await requestOwnerId(request, env);
    if (!(await canReadChat(env.DB, id, ownerId))) throw new HttpError(404, "not_found", "No such chat.");
    const page = await listMessagePage(env.DB, id, query);
    return Response.json(page, { headers: { "cache-control": "no-store" } });
  } catch (error) {
    return errorResponse(error);
  }
}
