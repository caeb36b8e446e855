import { getCloudflareContext } from "@opennextjs/cloudflare";
import { getShare } from "@/lib/db/shares";
import { errorResponse, jsonError } from "@/lib/http/json-error";
import { renderSharePreview } from "@/lib/share/preview-image";
import { shareIdParam } from "@/lib/share/share-requests";
import { firstExchange } from "@/lib/share/share-snapshot";

/**
 * The picture a pasted share link unfurls with (og:image). The page links it
 * with ?v=<snapshot version>, so each version can be cached for a day.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  try {
    const { id } = await params;
    // A malformed id answers like a missing link (404), as the page does; the ?v= cache key is not read.
    const share = shareIdParam.safeParse(id).success ? await getShare(getCloudflareContext().env.DB, id) : null;
    if (!share) return jsonError(404, "not_found", "No such shared chat.");
    const { question, answer } = firstExchange(share.snapshot);
    // Fallback titles are the first question: show the start of the answer instead of repeating it.
    const png = await renderSharePreview({
      title: share.snapshot.title,
      subtitle: question && question !== share.snapshot.title ? question : answer,
      footer: "Workers AI Chat · shared conversation",
    });
    // A fresh copy typed as ArrayBuffer-backed, which BodyInit requires.
    return new Response(new Uint8Array(png), {
      headers: {
        "content-type": "image/png",
        "cache-control": "public, max-age=86400",
        "x-content-type-options": "nosniff",
      },
    });
  } catch (error) {
    return errorResponse(error);
  }
}
