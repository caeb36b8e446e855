import type { BrowserContext } from "@playwright/test";
import { executeLocalD1Sql, sqlString } from "./local-d1";

/** Where playwright.config.ts tells the e2e server to keep its local D1. */
export const E2E_STATE_DIR = ".wrangler/e2e-state";

/** The owner id inside a browser context's signed owner cookie (the part before the signature). */
export async function ownerIdOf(context: BrowserContext): Promise<string> {
  const cookie = (await context.cookies()).find((candidate) => candidate.name === "wac_owner");
  const ownerId = cookie?.value.split(".")[0];
  if (!ownerId) throw new Error("This browser has no owner cookie yet; send a message first.");
  return ownerId;
}

/**
 * Writes a chat of `count` alternating user/assistant messages ("Message number N")
 * straight into the running server's local D1, the way a long history would look.
 */
export function seedLongChat(options: {
  ownerId: string;
  chatId: string;
  title: string;
  count: number;
  stateDir?: string;
}): void {
  const start = Date.now() - options.count * 1_000;
  const chat = sqlString(options.chatId);
  const sql = `
INSERT INTO chats (id, owner_id, title, title_source, model, created_at, updated_at)
VALUES (${chat}, ${sqlString(options.ownerId)}, ${sqlString(options.title)}, 'user',
        '@cf/meta/llama-3.3-70b-instruct-fp8-fast', ${start}, ${start + options.count * 1_000});
INSERT INTO messages (id, chat_id, role, parts, metadata, text, created_at)
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${options.count})
SELECT 'seed-' || i, ${chat}, CASE i % 2 WHEN 1 THEN 'user' ELSE 'assistant' END,
       json_array(json_object('type', 'text', 'text', 'Message number ' || i)),
       json_object('createdAt', ${start} + i * 1000),
       'Message number ' || i, ${start} + i * 1000
FROM n;`;
  executeLocalD1Sql(sql, { stateDir: options.stateDir ?? E2E_STATE_DIR });
}
