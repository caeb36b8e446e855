import { getCloudflareContext } from "@opennextjs/cloudflare";
import { z } from "zod";
import { requestOwnerId } from "@/lib/auth/identity";
import { chatIdParam } from "@/lib/chat/chat-history-requests";
import { chatToMarkdown, exportFileName } from "@/lib/chat/export-chat";
import { getChat, listMessages } from "@/lib/db/queries";
import { HttpError } from "@/lib/http/http-error";
import { errorResponse } from "@/lib/http/json-error";
import { parseOrThrow, searchParamsOf } from "@/lib/http/parse-or-throw";

const exportQuery = z.object({ format: z.enum(["markdown", "json"]).default("markdown") });

/** The whole conversation as a Markdown or JSON download (long chats included, not just the loaded page). */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  try {
    const id = parseOrThrow(chatIdParam, (await params).id);
    const { format } = parseOrThrow(exportQuery, searchParamsOf(request));
    const { env } = getCloudflareContext();
    const ownerId = await requestOwnerId(request, env);
    const chat = ownerId ? await getChat(env.DB, id) : null;
    if (!chat || chat.ownerId !== ownerId) throw new HttpError(404, "not_found", "No such chat.");
    const exported = {
      title: chat.title,
      model: chat.model,
      createdAt: chat.createdAt,
      messages: await listMessages(env.DB, id),
    };
    const markdown = format === "markdown";
    const body = markdown ? chatToMarkdown(exported) : JSON.stringify(exported, null, 2);
    return new Response(body, {
      headers: {
        "content-type": markdown ? "text/markdown; charset=utf-8" : "application/json; charset=utf-8",
        "content-disposition": `attachment; filename="${exportFileName(chat.title, markdown ? "md" : "json")}"`,
        "cache-control": "no-store",
      },
    });
  } catch (error) {
    return errorResponse(error);
  }
}
