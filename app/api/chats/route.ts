import { getCloudflareContext } from "@opennextjs/cloudflare";
import { requestOwnerId } from "@/lib/auth/identity";
import { listChatsQuery } from "@/lib/chat/chat-history-requests";
import { loadChatListPage } from "@/lib/chat/chat-list-page";
import { errorResponse } from "@/lib/http/json-error";
import { parseOrThrow, searchParamsOf } from "@/lib/http/parse-or-throw";

/** The asking browser's chats, newest activity first, a page at a time; `q` searches titles and message text. */
export async function GET(request: Request): Promise<Response> {
  try {
    const query = parseOrThrow(listChatsQuery, searchParamsOf(request));
    const { env } = getCloudflareContext();
    const ownerId = await requestOwnerId(request, env);
    const page = await loadChatListPage(env.DB, ownerId, { limit: query.limit, cursor: query.cursor, query: query.q });
    return Response.json(page, { headers: { "cache-control": "no-store" } });
  } catch (error) {
    return errorResponse(error);
  }
}
