import { getCloudflareContext } from "@opennextjs/cloudflare";
import { requestOwnerId } from "@/lib/auth/identity";
import { canReadChatFile } from "@/lib/files/can-read-chat-file";
import { chatFileKey } from "@/lib/files/chat-file-key";
import { getChatFile } from "@/lib/files/chat-files";
import { fileResponse } from "@/lib/files/file-response";
import { HttpError } from "@/lib/http/http-error";
import { errorResponse } from "@/lib/http/json-error";
import { parseOrThrow } from "@/lib/http/parse-or-throw";

interface FileRouteContext {
  params: Promise<{ key: string[] }>;
}

// A file in someone else's chat answers exactly like one that doesn't exist.
const notFound = () => new HttpError(404, "not_found", "No such file.");

/** Serves a chat's stored file (generated and attached images) to whoever may read that chat. */
export async function GET(request: Request, { params }: FileRouteContext): Promise<Response> {
  try {
    const { key, chatId } = parseOrThrow(chatFileKey, (await params).key);
    const { env } = getCloudflareContext();
    const ownerId = await requestOwnerId(request, env);
    if (!(await canReadChatFile(env, { chatId, key }, ownerId))) throw notFound();
    const file = await getChatFile(env.FILES, key);
    if (!file) throw notFound();
    return await fileResponse(request, file);
  } catch (error) {
    return errorResponse(error);
  }
}
