import { getCloudflareContext } from "@opennextjs/cloudflare";
import { requestOwnerId } from "@/lib/auth/identity";
import { chatIdParam } from "@/lib/chat/chat-history-requests";
import { getShareOfChat } from "@/lib/db/shares";
import { HttpError } from "@/lib/http/http-error";
import { errorResponse } from "@/lib/http/json-error";
import { parseOrThrow } from "@/lib/http/parse-or-throw";
import { readJsonBody } from "@/lib/http/read-json-body";
import { shareChat } from "@/lib/share/share-chat";
import { shareChatBody, shareView } from "@/lib/share/share-requests";

interface ShareRouteContext {
  params: Promise<{ id: string }>;
}

/** This chat's link, if it has one (`{ share: null }` otherwise). */
export async function GET(request: Request, { params }: ShareRouteContext): Promise<Response> {
  try {
    const chatId = parseOrThrow(chatIdParam, (await params).id);
    const { env } = getCloudflareContext();
    const ownerId = await requestOwnerId(request, env);
    const share = ownerId ? await getShareOfChat(env.DB, chatId, ownerId) : null;
    return Response.json({ share: share ? shareView(share) : null }, { headers: { "cache-control": "no-store" } });
  } catch (error) {
    return errorResponse(error);
  }
}

/** Shares the chat as it is now, or refreshes its link's snapshot under the same URL. */
export async function POST(request: Request, { params }: ShareRouteContext): Promise<Response> {
  try {
    const chatId = parseOrThrow(chatIdParam, (await params).id);
    const options = await readJsonBody(request, shareChatBody);
    const { env } = getCloudflareContext();
    const ownerId = await requestOwnerId(request, env);
    if (!ownerId) throw new HttpError(404, "not_found", "No such chat.");
    const share = await shareChat(env.DB, chatId, ownerId, options);
    return Response.json({ share: shareView(share) });
  } catch (error) {
    return errorResponse(error);
  }
}
