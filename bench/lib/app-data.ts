/** Setting up what the page benchmarks open: a chat with a reply, its share link, a long seeded chat. */
import { randomUUID } from "node:crypto";
import { executeLocalD1Sql, sqlString as sql } from "../../e2e/support/local-d1.ts";
import { ROOT } from "./report.ts";

const newId = () => randomUUID().replaceAll("-", "");

export interface SeededChat {
  chatId: string;
  /** `name=value` of the signed owner cookie that owns the chat. */
  cookie: string;
  ownerId: string;
}

/** One real turn through POST /api/chat (which mints the owner cookie), read to the end. */
export async function createChat(
  baseUrl: string,
  text: string,
  cookie = "",
  settings?: Record<string, unknown>,
  model?: string,
): Promise<SeededChat> {
  const chatId = newId();
  const response = await fetch(`${baseUrl}/api/chat`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(cookie ? { cookie } : {}) },
    body: JSON.stringify({
      id: chatId,
      // What the browser sends with a chat's first message.
      newChat: true,
      message: { id: newId(), role: "user", parts: [{ type: "text", text }] },
      ...(settings ? { settings } : {}),
      ...(model ? { model } : {}),
    }),
  });
  if (!response.ok) throw new Error(`POST /api/chat: HTTP ${response.status} ${await response.text()}`);
  await response.text();
  const owner = cookie || (response.headers.get("set-cookie")?.split(";")[0] ?? "");
  return { chatId, cookie: owner, ownerId: owner.split("=")[1]?.split(".")[0] ?? "" };
}

/** Shares a chat and returns the share page's path. */
export async function shareChat(baseUrl: string, chat: SeededChat): Promise<string> {
  const response = await fetch(`${baseUrl}/api/chats/${chat.chatId}/share`, {
    method: "POST",
    headers: { "content-type": "application/json", cookie: chat.cookie },
    body: "{}",
  });
  if (!response.ok) throw new Error(`share: HTTP ${response.status} ${await response.text()}`);
  return ((await response.json()) as { share: { path: string } }).share.path;
}

// A typical assistant turn: prose, a list and a code block (~120 words).
const REPLY = [
  "Here is how that works, step by step, with the **important** parts highlighted.",
  "",
  "- first, the request reaches the Worker\n- then the model streams tokens\n- finally the reply is stored",
  "",
  "```ts\nexport async function handler(request: Request): Promise<Response> {\n  const body = await request.json();\n  return Response.json({ ok: true, body });\n}\n```",
  "",
  "That is all it takes; the rest is configuration and a few `wrangler` commands.",
].join("\n");

/**
 * Writes `count` alternating user/assistant messages (assistant ones are markdown with code)
 * straight into the running server's local D1, owned by `ownerId`.
 */
export function seedLongChat(options: { ownerId: string; count: number; stateDir: string }): string {
  const chatId = newId();
  const start = Date.now() - options.count * 1000;
  const statements = [
    `INSERT INTO chats (id, owner_id, title, title_source, model, created_at, updated_at) VALUES (${sql(chatId)}, ${sql(options.ownerId)}, 'A long benchmark chat', 'user', '@cf/meta/llama-3.3-70b-instruct-fp8-fast', ${start}, ${start + options.count * 1000});`,
    `INSERT INTO messages (id, chat_id, role, parts, metadata, text, created_at)
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${options.count})
SELECT 'bench-' || i, ${sql(chatId)}, CASE i % 2 WHEN 1 THEN 'user' ELSE 'assistant' END,
  CASE i % 2 WHEN 1 THEN json_array(json_object('type', 'text', 'text', 'Question number ' || i || ': how does this part work?'))
  ELSE json_array(json_object('type', 'text', 'text', 'Answer ' || i || '. ' || ${sql(REPLY)}, 'state', 'done')) END,
  CASE i % 2 WHEN 1 THEN json_object('createdAt', ${start} + i * 1000)
  ELSE json_object('createdAt', ${start} + i * 1000, 'offline', json('true'), 'usage', json_object('outputTokens', 120), 'generationMs', 800) END,
  'Message ' || i, ${start} + i * 1000
FROM n;`,
  ];
  executeLocalD1Sql(statements.join("\n"), { stateDir: options.stateDir, cwd: ROOT });
  return chatId;
}
