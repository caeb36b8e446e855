import { getCloudflareContext } from "@opennextjs/cloudflare";
import { identify } from "@/lib/auth/identity";
import { errorResponse } from "@/lib/http/json-error";
import { parseOrThrow } from "@/lib/http/parse-or-throw";
import { withSetCookie } from "@/lib/http/with-set-cookie";
import { forkShare } from "@/lib/share/fork-share";
import { shareIdParam } from "@/lib/share/share-requests";

/** "Continue this conversation": a copy of the shared chat that the visitor owns. */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  let setCookie: string | undefined;
  try {
    const id = parseOrThrow(shareIdParam, (await params).id);
    const { env } = getCloudflareContext();
    // A visitor without a cookie gets one here: the copy needs an owner.
    const identity = await identify(request, env);
    setCookie = identity.setCookie;
    const chatId = await forkShare(env, id, identity.ownerId);
    return withSetCookie(Response.json({ chatId, path: `/chat/${chatId}` }, { status: 201 }), setCookie);
  } catch (error) {
    return withSetCookie(errorResponse(error), setCookie);
  }
}
