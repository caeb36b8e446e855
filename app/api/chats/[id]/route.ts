import { getCloudflareContext } from "@opennextjs/cloudflare";
import { requestOwnerId } from "@/lib/auth/identity";
import { chatIdParam, renameChatBody } from "@/lib/chat/chat-history-requests";
import { deleteChat, renameChat } from "@/lib/db/queries";
import { HttpError } from "@/lib/http/http-error";
import { errorResponse } from "@/lib/http/json-error";
import { parseOrThrow } from "@/lib/http/parse-or-throw";
import { readJsonBody } from "@/lib/http/read-json-body";

interface ChatRouteContext {
  params: Promise<{ id: string }>;
}

// Someone else's chat answers exactly like one that doesn't exist.
const notFound = () => new HttpError(404, "not_found", "No such chat.");

/** Renames a chat: `{ "title": "..." }`. */
export async function PATCH(request: Request, { params }: ChatRouteContext): Promise<Response> {
  try {
    const id = parseOrThrow(chatIdParam, (await params).id);
    const { title } = await readJsonBody(request, renameChatBody);
    const { env } = getCloudflareContext();
    const ownerId = await requestOwnerId(request, env);
    const chat = ownerId ? await renameChat(env.DB, id, ownerId, title) : null;
    if (!chat) throw notFound();
    return Response.json({ chat: { id: chat.id, title: chat.title, model: chat.model, updatedAt: chat.updatedAt } });
  } catch (error) {
    return errorResponse(error);
  }
}

/** Deletes a chat and all its messages. */
export async function DELETE(request: Request, { params }: ChatRouteContext): Promise<Response> {
  try {
    const id = parseOrThrow(chatIdParam, (await params).id);
    const { env } = getCloudflareContext();
    const ownerId = await requestOwnerId(request, env);
    if (!ownerId || !(await deleteChat(env.DB, id, ownerId))) throw notFound();
    return new Response(null, { status: 204 });
  } catch (error) {
    return errorResponse(error);
  }
}
