import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BUILT_IN_CATALOG } from "@/lib/ai/catalog";
import { REASONING_EFFORTS, SETTINGS_LIMITS } from "@/lib/chat/chat-settings";
import {
  contentLength,
  contentType,
  cookieHeader,
  fuzzedRequest,
  mutatedBody,
  nastyString,
  rawBody,
} from "@/lib/testing/fuzz-inputs";
import { expectPrototypeUntouched, expectWellFormedResponse } from "@/lib/testing/fuzz-response";
import { readUIChunks } from "@/lib/testing/ui-stream";
import { startWorkerContext, type WorkerTestContext } from "@/lib/testing/worker-context";
import { POST } from "./route";

/**
 * Property-based fuzzing of POST /api/chat: thousands of malformed bodies,
 * headers and cookies. Whatever arrives, the handler answers (never throws),
 * never with a 5xx, and every error is a JSON error with a message. Bodies that
 * are valid but unusual reach the offline stand-in and must stream a reply
 * without an error part.
 */

let worker: WorkerTestContext;
let ownerCookie: string;
beforeAll(async () => {
  worker = await startWorkerContext();
  // Short, instant replies: the fuzzing is about what reaches the model, not how long it talks.
  Object.assign(worker.env, { OFFLINE_AI_CHUNK_DELAY_MS: "0", OFFLINE_AI_REPLY_WORDS: "3" });
  const first = await POST(
    fuzzedRequest("http://localhost/api/chat", {
      contentType: "application/json",
      body: {
        id: "fuzz-seed-chat",
        message: { id: "fuzz-seed-msg", role: "user", parts: [{ type: "text", text: "hi" }] },
      },
    }),
  );
  await first.text();
  ownerCookie = first.headers.get("set-cookie")?.split(";")[0] ?? "";
  expect(ownerCookie).toMatch(/^wac_owner=/);
  await worker.settled();
});
afterAll(async () => {
  await worker?.dispose();
});

const id = fc.stringMatching(/^[A-Za-z0-9_-]{1,24}$/).map((suffix) => `fz-${suffix}`);
const chatModels = BUILT_IN_CATALOG.models.map((model) => model.id);

const settings = fc.record({
  systemPrompt: fc.string({ maxLength: 200 }),
  temperature: fc.option(fc.double({ min: 0, max: SETTINGS_LIMITS.temperature.max, noNaN: true }), { nil: null }),
  maxOutputTokens: fc.integer(SETTINGS_LIMITS.maxOutputTokens),
  reasoningEffort: fc.option(fc.constantFrom(...REASONING_EFFORTS), { nil: null }),
  alwaysAllowTools: fc.subarray(["generate_image", "fetch_web_page"]),
});

/** Unusual text that is still a valid message: unicode, control characters, near the length limit. */
const unusualText = fc.oneof(
  fc.string({ unit: "binary", minLength: 1, maxLength: 200 }),
  fc.string({ minLength: 1, maxLength: 50 }).map((text) => `${text}\u0000${text}`),
  fc.constantFrom("😀".repeat(2_000), "x".repeat(20_000), "a\u202eb", "\ufeffhi", "<script>alert(1)</script>"),
);

/** A body the route accepts. */
const validBody = fc.record(
  {
    id,
    message: fc.record({
      id,
      role: fc.constant("user"),
      parts: fc
        .array(
          fc.record({
            type: fc.constant("text"),
            text: fc.oneof(fc.string({ minLength: 1, maxLength: 40 }), unusualText),
          }),
          { minLength: 1, maxLength: 3 },
        )
        // A message of only whitespace is refused as empty (a case the mutations cover).
        .filter((parts) => parts.some((part) => part.text.trim().length > 0)),
    }),
    model: fc.constantFrom(...chatModels),
    settings,
    trigger: fc.constant("submit"),
  },
  { requiredKeys: ["id", "message"] },
);

const approvalsBody = fc.record({
  id,
  approvals: fc.array(fc.record({ id, approved: fc.boolean(), reason: fc.string({ maxLength: 20 }) }), {
    minLength: 1,
    maxLength: 3,
  }),
});

let uniqueChats = 0;

/** Posts a fuzzed request and checks the answer; a streamed reply must carry no error part. */
async function postAndCheck(request: Request): Promise<number> {
  const response = await POST(request);
  if (response.status === 200 && response.headers.get("content-type")?.includes("text/event-stream")) {
    const chunks = await readUIChunks(response);
    expect(chunks.filter((chunk) => chunk.type === "error")).toEqual([]);
    expect(chunks.some((chunk) => chunk.type === "finish")).toBe(true);
  } else {
    await expectWellFormedResponse(response);
  }
  await worker.settled();
  expectPrototypeUntouched();
  return response.status;
}

describe("POST /api/chat under fuzzing", () => {
  it("answers valid but unusual turns with a streamed reply", async () => {
    await fc.assert(
      fc.asyncProperty(validBody, cookieHeader(), async (generated, cookie) => {
        // A fresh chat each time: a generated id may name a chat another (fuzzed) browser owns, a 404.
        uniqueChats += 1;
        const body = { ...generated, id: `${generated.id}-${uniqueChats}` };
        const status = await postAndCheck(
          fuzzedRequest("http://localhost/api/chat", { body, contentType: "application/json", cookie }),
        );
        expect(status).toBe(200);
      }),
      { numRuns: 30 },
    );
  });

  it("answers mutated bodies with a JSON error or a reply, never a 5xx", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(mutatedBody(validBody), mutatedBody(approvalsBody)),
        cookieHeader(ownerCookie),
        async (body, cookie) => {
          await postAndCheck(
            fuzzedRequest("http://localhost/api/chat", { body, contentType: "application/json", cookie }),
          );
        },
      ),
      { numRuns: 600 },
    );
  });

  it("answers random JSON, broken JSON and odd bytes with a JSON error", async () => {
    await fc.assert(
      fc.asyncProperty(rawBody(validBody), contentType, contentLength, async (body, type, length) => {
        const request = fuzzedRequest("http://localhost/api/chat", {
          body,
          raw: true,
          contentType: type,
          contentLength: length,
        });
        // Mostly 4xx; a duplicate-key body can still be valid (JSON.parse keeps the last "id").
        await postAndCheck(request);
      }),
      { numRuns: 500 },
    );
  });

  it("refuses unknown top-level fields, ignores unknown ones inside the message", async () => {
    const message = { id: "fz-known-msg", role: "user", parts: [{ type: "text", text: "hello" }] };
    const extra = await POST(
      fuzzedRequest("http://localhost/api/chat", {
        contentType: "application/json",
        body: { id: "fz-known", message, sneaky: true },
      }),
    );
    expect(extra.status).toBe(400);
    expect(await extra.json()).toMatchObject({ error: { code: "invalid_request" } });

    const lenient = await POST(
      fuzzedRequest("http://localhost/api/chat", {
        contentType: "application/json",
        body: { id: "fz-lenient", message: { ...message, id: "fz-lenient-msg", metadata: { from: "useChat" } } },
      }),
    );
    expect(lenient.status).toBe(200);
    await lenient.text();
    await worker.settled();
  });

  it("keeps nasty strings in every field within limits", async () => {
    await fc.assert(
      fc.asyncProperty(nastyString, nastyString, async (chatId, text) => {
        await postAndCheck(
          fuzzedRequest("http://localhost/api/chat", {
            contentType: "application/json",
            cookie: ownerCookie,
            body: { id: chatId, message: { id: chatId, role: "user", parts: [{ type: "text", text }] } },
          }),
        );
      }),
      { numRuns: 100 },
    );
  });
});
