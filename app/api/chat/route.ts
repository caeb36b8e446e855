import { getCloudflareContext } from "@opennextjs/cloudflare";
import { handleChatTurn } from "@/lib/chat/chat-turn-handler";

// The deployed Worker answers this path before Next (lib/worker/entry.ts); `next dev` and tests come here.
export async function POST(request: Request): Promise<Response> {
  const { env, ctx } = getCloudflareContext();
  return handleChatTurn(request, env, ctx);
}
