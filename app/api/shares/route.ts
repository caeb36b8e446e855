import { getCloudflareContext } from "@opennextjs/cloudflare";
import { requestOwnerId } from "@/lib/auth/identity";
import { listShares } from "@/lib/db/shares";
import { errorResponse } from "@/lib/http/json-error";
import { shareView } from "@/lib/share/share-requests";

/** The asking browser's share links, most recently updated first. */
export async function GET(request: Request): Promise<Response> {
  try {
    const { env } = getCloudflareContext();
    const ownerId = await requestOwnerId(request, env);
    const shares = ownerId ? await listShares(env.DB, ownerId) : [];
    return Response.json({ shares: shares.map(shareView) }, { headers: { "cache-control": "no-store" } });
  } catch (error) {
    return errorResponse(error);
  }
}
