import { getCloudflareContext } from "@opennextjs/cloudflare";
import { getModelCatalog } from "@/lib/ai/live-catalog";
import { requireModel } from "@/lib/ai/require-model";
import { requestOwnerId } from "@/lib/auth/identity";
import { chatIdParam, updateChatBody } from "@/lib/chat/chat-history-requests";
import { settingsOrDefault } from "@/lib/chat/chat-settings";
import { deleteChat, updateChat } from "@/lib/db/queries";
import { deleteChatFiles } from "@/lib/files/chat-files";
import { HttpError } from "@/lib/http/http-error";
import { errorResponse } from "@/lib/http/json-error";
import { parseOrThrow } from "@/lib/http/parse-or-throw";
import { readJsonBody } from "@/lib/http/read-json-body";
import { describeError, log } from "@/lib/log/log";

interface ChatRouteContext {
  params: Promise<{ id: string }>;
}

// Someone else's chat answers exactly like one that doesn't exist.
const notFound = () => new HttpError(404, "not_found", "No such chat.");

/** Renames a chat, switches its model or replaces its settings: `{ "title"?, "model"?, "settings"? }`. */
export async function PATCH(request: Request, { params }: ChatRouteContext): Promise<Response> {
  try {
    const id = parseOrThrow(chatIdParam, (await params).id);
    const changes = await readJsonBody(request, updateChatBody);
    const { env } = getCloudflareContext();
    const ownerId = await requestOwnerId(request, env);
    if (changes.model !== undefined) requireModel(await getModelCatalog(env), changes.model);
    const chat = ownerId ? await updateChat(env.DB, id, ownerId, changes) : null;
    if (!chat) throw notFound();
    return Response.json({
      chat: {
        id: chat.id,
        title: chat.title,
        model: chat.model,
        updatedAt: chat.updatedAt,
        settings: settingsOrDefault(chat.settings),
      },
    });
  } catch (error) {
    return errorResponse(error);
  }
}

/** Deletes a chat, all its messages and its stored files. */
export async function DELETE(request: Request, { params }: ChatRouteContext): Promise<Response> {
  try {
    const id = parseOrThrow(chatIdParam, (await params).id);
    const { env, ctx } = getCloudflareContext();
    const ownerId = await requestOwnerId(request, env);
    if (!ownerId || !(await deleteChat(env.DB, id, ownerId))) throw notFound();
    // After the chat row is gone nobody can read its files, so removing them can outlive the response.
    ctx.waitUntil(
      deleteChatFiles(env.FILES, id).catch((error: unknown) =>
        log("warn", "chat files not deleted", { chatId: id, error: describeError(error) }),
      ),
    );
    return new Response(null, { status: 204 });
  } catch (error) {
    return errorResponse(error);
  }
}
