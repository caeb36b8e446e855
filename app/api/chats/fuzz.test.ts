import fc from "fast-check";
import { afterAll, beforeAll, describe, it } from "vitest";
import { DEFAULT_MODEL_ID } from "@/lib/ai/catalog";
import { DEFAULT_CHAT_SETTINGS } from "@/lib/chat/chat-settings";
import {
  contentLength,
  contentType,
  cookieHeader,
  fuzzedRequest,
  mutatedBody,
  pathSegment,
  queryString,
  rawBody,
} from "@/lib/testing/fuzz-inputs";
import { expectPrototypeUntouched, expectWellFormedResponse } from "@/lib/testing/fuzz-response";
import { freshId, TestBrowser } from "@/lib/testing/test-browser";
import { startWorkerContext, type WorkerTestContext } from "@/lib/testing/worker-context";
import { GET as exportChat } from "./[id]/export/route";
import { GET as listMessages } from "./[id]/messages/route";
import { DELETE as deleteChat, PATCH as patchChat } from "./[id]/route";
import { GET as getShare, POST as postShare } from "./[id]/share/route";
import { POST as stopChat } from "./[id]/stop/route";
import { GET as listChats } from "./route";

/**
 * Property-based fuzzing of /api/chats and /api/chats/[id]/*: fuzzed path ids,
 * query strings, bodies, content types and cookies, against chats that exist
 * (so valid-looking input reaches D1). Never a 5xx, never a throw, every error
 * a JSON error with a message.
 */

let worker: WorkerTestContext;
const browser = { current: undefined as unknown as TestBrowser };
const chatIds: string[] = [];
beforeAll(async () => {
  worker = await startWorkerContext();
  const owner = new TestBrowser(worker);
  // Texts with LIKE wildcards and escapes, so searches for them hit real rows.
  for (const text of ["100% sure_about \\this", "plain hello", "ünïcödé 😀 \u0000 nul"]) {
    const chatId = freshId("fz-chats");
    await owner.chatTurn(chatId, `${text} offline:words=3 offline:delay=0`);
    chatIds.push(chatId);
  }
  browser.current = owner;
});
afterAll(async () => {
  await worker?.dispose();
});

const context = (id: string) => ({ params: Promise.resolve({ id }) });
const ids = () => pathSegment(chatIds);
const cookies = () => cookieHeader(browser.current.cookie);

async function check(response: Response): Promise<void> {
  await expectWellFormedResponse(response);
  await worker.settled();
  expectPrototypeUntouched();
}

const validUpdate = fc.record(
  {
    title: fc.string({ minLength: 1, maxLength: 100 }),
    model: fc.constant(DEFAULT_MODEL_ID),
    settings: fc.constant({ ...DEFAULT_CHAT_SETTINGS, alwaysAllowTools: [] }),
  },
  { requiredKeys: [] },
);
const validShare = fc.record({ includeSystemPrompt: fc.boolean(), indexable: fc.boolean() }, { requiredKeys: [] });

/** A JSON body as the fuzzers make it: a mutated valid one, or raw bytes/text. */
function bodyParts(valid: fc.Arbitrary<unknown>) {
  return fc.oneof(
    fc.record({ body: mutatedBody(valid), raw: fc.constant(false), contentType, contentLength }),
    fc.record({ body: valid, raw: fc.constant(false), contentType, contentLength }),
    fc.record({ body: rawBody(valid), raw: fc.constant(true), contentType, contentLength }),
  );
}

describe("/api/chats under fuzzing", () => {
  it("GET /api/chats: any query string and cookie", async () => {
    await fc.assert(
      fc.asyncProperty(queryString(["q", "cursor", "limit"]), cookies(), async (query, cookie) => {
        const request = new Request(`http://localhost/api/chats?${query}`, { headers: cookie ? { cookie } : {} });
        await check(await listChats(request));
      }),
      { numRuns: 300 },
    );
  });

  it("GET /api/chats/[id]/messages and /export: any id, query and cookie", async () => {
    await fc.assert(
      fc.asyncProperty(
        ids(),
        queryString(["before", "limit", "format"]),
        cookies(),
        fc.boolean(),
        async (id, query, cookie, exporting) => {
          const request = new Request(`http://localhost/api/chats/x/messages?${query}`, {
            headers: cookie ? { cookie } : {},
          });
          await check(await (exporting ? exportChat : listMessages)(request, context(id)));
        },
      ),
      { numRuns: 300 },
    );
  });

  it("PATCH /api/chats/[id]: any id, body, content type and cookie", async () => {
    await fc.assert(
      fc.asyncProperty(ids(), bodyParts(validUpdate), cookies(), async (id, parts, cookie) => {
        const request = fuzzedRequest("http://localhost/api/chats/x", { method: "PATCH", ...parts, cookie });
        await check(await patchChat(request, context(id)));
      }),
      { numRuns: 400 },
    );
  });

  it("GET and POST /api/chats/[id]/share: any id, body and cookie", async () => {
    await fc.assert(
      fc.asyncProperty(ids(), bodyParts(validShare), cookies(), fc.boolean(), async (id, parts, cookie, reading) => {
        const response = reading
          ? await getShare(
              new Request("http://localhost/api/chats/x/share", { headers: cookie ? { cookie } : {} }),
              context(id),
            )
          : await postShare(fuzzedRequest("http://localhost/api/chats/x/share", { ...parts, cookie }), context(id));
        await check(response);
      }),
      { numRuns: 300 },
    );
  });

  it("POST /stop and DELETE /api/chats/[id]: any id, cookie and (ignored) body", async () => {
    await fc.assert(
      fc.asyncProperty(
        // Only ids nobody owns or that don't exist: deleting the seeded chats would starve the other properties.
        pathSegment(),
        rawBody(fc.constant({})),
        cookies(),
        fc.boolean(),
        async (id, body, cookie, deleting) => {
          const request = fuzzedRequest("http://localhost/api/chats/x", {
            method: deleting ? "DELETE" : "POST",
            body,
            raw: true,
            cookie,
          });
          await check(await (deleting ? deleteChat : stopChat)(request, context(id)));
        },
      ),
      { numRuns: 200 },
    );
  });
});
