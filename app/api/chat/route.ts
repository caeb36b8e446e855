import { getCloudflareContext } from "@opennextjs/cloudflare";
import { chatRequestSchema } from "@/lib/chat/chat-request";
import { streamChatReply } from "@/lib/chat/stream-chat-reply";
import { errorResponse } from "@/lib/http/json-error";
import { readJsonBody } from "@/lib/http/read-json-body";

export async function POST(request: Request): Promise<Response> {
  try {
    const body = await readJsonBody(request, chatRequestSchema);
    const { env, ctx } = getCloudflareContext();
    return await streamChatReply(body, { env, waitUntil: (promise) => ctx.waitUntil(promise) });
  } catch (error) {
    return errorResponse(error);
  }
}
