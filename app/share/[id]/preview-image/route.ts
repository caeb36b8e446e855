import { getCloudflareContext } from "@opennextjs/cloudflare";
import { getShare } from "@/lib/db/shares";
import { jsonError } from "@/lib/http/json-error";
import { renderSharePreview } from "@/lib/share/preview-image";
import { SHARE_ID_PATTERN } from "@/lib/share/share-id";
import { firstExchange } from "@/lib/share/share-snapshot";

/**
 * The picture a pasted share link unfurls with (og:image). The page links it
 * with ?v=<snapshot version>, so each version can be cached for a day.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await params;
  const share = SHARE_ID_PATTERN.test(id) ? await getShare(getCloudflareContext().env.DB, id) : null;
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
}
