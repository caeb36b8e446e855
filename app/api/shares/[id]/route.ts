import { getCloudflareContext } from "@opennextjs/cloudflare";
import { requestOwnerId } from "@/lib/auth/identity";
import { deleteShare } from "@/lib/db/shares";
import { HttpError } from "@/lib/http/http-error";
import { errorResponse } from "@/lib/http/json-error";
import { parseOrThrow } from "@/lib/http/parse-or-throw";
import { shareIdParam } from "@/lib/share/share-requests";

/** Revokes a link: from now on it answers 404. */
export async function DELETE(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  try {
    const id = parseOrThrow(shareIdParam, (await params).id);
    const { env } = getCloudflareContext();
    const ownerId = await requestOwnerId(request, env);
    if (!ownerId || !(await deleteShare(env.DB, id, ownerId))) throw new HttpError(404, "not_found", "No such link.");
    return new Response(null, { status: 204 });
  } catch (error) {
    return errorResponse(error);
  }
}
