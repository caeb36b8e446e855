import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BUILT_IN_CATALOG, DEFAULT_MODEL_ID } from "@/lib/ai/catalog";
import {
  contentLength,
  contentType,
  fuzzedRequest,
  headerValue,
  mutatedBody,
  nastyString,
  rawBody,
} from "@/lib/testing/fuzz-inputs";
import { expectPrototypeUntouched, expectWellFormedResponse } from "@/lib/testing/fuzz-response";
import { startWorkerContext, type WorkerTestContext } from "@/lib/testing/worker-context";
import { POST as complete, OPTIONS as completionsPreflight } from "./chat/completions/route";
import { GET as listModels, OPTIONS as modelsPreflight } from "./models/route";

/**
 * Property-based fuzzing of the OpenAI-compatible API: malformed and unusual
 * chat completion requests, API keys and origins. Never a 5xx, never a throw,
 * every error in OpenAI's shape (`{ error: { message, type, param, code } }`).
 * Valid requests reach the offline stand-in, streaming or not.
 */

let worker: WorkerTestContext;
type Vars = Record<string, string | undefined>;
let saved: Vars;
const KEY = "sk-fuzz-123";
beforeAll(async () => {
  worker = await startWorkerContext();
  saved = { ...(worker.env as unknown as Vars) };
  Object.assign(worker.env, {
    OPENAI_API_KEYS: `fuzz:${KEY}`,
    OPENAI_CORS_ORIGINS: "https://allowed.example",
    // The per-key limit would turn most of the run into 429s; its own tests cover it.
    OPENAI_RATE_LIMIT_PER_MINUTE: "1000000",
    OFFLINE_AI_CHUNK_DELAY_MS: "0",
    OFFLINE_AI_REPLY_WORDS: "3",
  });
});
afterAll(async () => {
  if (worker) {
    const env = worker.env as unknown as Vars;
    for (const name of Object.keys(env)) if (!(name in saved)) delete env[name];
    Object.assign(env, saved);
    await worker.dispose();
  }
});

const text = fc.oneof(fc.string({ maxLength: 40 }), nastyString);
const textContent = fc.oneof(text, fc.array(fc.record({ type: fc.constant("text"), text }), { maxLength: 3 }));
const callId = fc.stringMatching(/^call_[a-z0-9]{1,8}$/);
const toolCall = fc.record({
  id: callId,
  type: fc.constant("function"),
  // Arguments as models write them: JSON, or not quite.
  function: fc.record({
    name: fc.constantFrom("current_time", "lookup"),
    arguments: fc.oneof(
      fc.jsonValue().map((value) => JSON.stringify(value)),
      fc.string(),
    ),
  }),
});

/** A conversation the API accepts: a tool message answers an earlier assistant call. */
const messages = fc
  .tuple(
    fc.array(
      fc.oneof(
        fc.record({ role: fc.constantFrom("system", "developer"), content: textContent }),
        fc.record({ role: fc.constant("user"), content: textContent }),
        fc.record({ role: fc.constant("assistant"), content: fc.option(textContent, { nil: null }) }),
      ),
      { maxLength: 4 },
    ),
    fc.option(fc.tuple(toolCall, text), { nil: null }),
    fc.record({ role: fc.constant("user"), content: textContent }),
  )
  .map(([history, toolRound, last]) => [
    ...history,
    ...(toolRound
      ? [
          { role: "assistant", content: null, tool_calls: [toolRound[0]] },
          { role: "tool", tool_call_id: toolRound[0].id, content: toolRound[1] },
        ]
      : []),
    last,
  ]);

const tools = fc.array(
  fc.record({
    type: fc.constant("function"),
    function: fc.record(
      {
        name: fc.stringMatching(/^[A-Za-z0-9_-]{1,64}$/),
        description: fc.string({ maxLength: 40 }),
        parameters: fc.oneof(
          fc.constant({ type: "object", properties: { q: { type: "string" } } }),
          fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 3 })),
        ),
      },
      { requiredKeys: ["name"] },
    ),
  }),
  { maxLength: 3 },
);

const validBody = fc.record(
  {
    model: fc.constantFrom(DEFAULT_MODEL_ID, ...BUILT_IN_CATALOG.models.map((model) => model.id)),
    messages,
    stream: fc.boolean(),
    stream_options: fc.record({ include_usage: fc.boolean() }),
    temperature: fc.double({ min: 0, max: 2, noNaN: true }),
    top_p: fc.double({ min: 0, max: 1, noNaN: true }),
    max_tokens: fc.integer({ min: 1, max: 100_000 }),
    stop: fc.oneof(fc.string(), fc.array(fc.string(), { maxLength: 4 })),
    seed: fc.integer(),
    n: fc.constant(1),
    tools,
    tool_choice: fc.constantFrom("none", "auto", "required"),
    response_format: fc.constantFrom({ type: "text" }, { type: "json_object" }),
    user: fc.string(),
  },
  { requiredKeys: ["model", "messages"] },
);

const authorization = fc.oneof(
  { arbitrary: fc.constant(`Bearer ${KEY}`), weight: 8 },
  {
    arbitrary: fc.constantFrom(
      undefined,
      "",
      "Bearer",
      "Bearer ",
      `bearer ${KEY}`,
      `Basic ${btoa(`x:${KEY}`)}`,
      "Bearer sk-wrong",
    ),
    weight: 1,
  },
  { arbitrary: headerValue.map((value) => `Bearer ${value}`), weight: 1 },
);
const origin = fc.oneof(
  fc.constant(undefined),
  fc.constantFrom("https://allowed.example", "null", "https://evil.example"),
  headerValue,
);

function headers(auth: string | undefined, from: string | undefined): Record<string, string> {
  return { ...(auth !== undefined ? { authorization: auth } : {}), ...(from !== undefined ? { origin: from } : {}) };
}

/** Checks a /v1 response; a streamed answer must end with [DONE] and carry no error event. */
async function check(response: Response): Promise<void> {
  const body = await expectWellFormedResponse(response, "openai");
  if (response.status === 200 && response.headers.get("content-type")?.includes("text/event-stream")) {
    expect(body.trimEnd().endsWith("data: [DONE]")).toBe(true);
    expect(body).not.toContain('data: {"error"');
  }
  await worker.settled();
  expectPrototypeUntouched();
}

describe("/v1 under fuzzing", () => {
  it("answers valid but unusual completion requests without an error", async () => {
    await fc.assert(
      fc.asyncProperty(validBody, async (body) => {
        const response = await complete(
          fuzzedRequest("http://localhost/v1/chat/completions", {
            body,
            contentType: "application/json",
            headers: { authorization: `Bearer ${KEY}` },
          }),
        );
        await check(response);
      }),
      { numRuns: 120 },
    );
  });

  it("answers mutated completion requests in OpenAI's error shape, never a 5xx", async () => {
    await fc.assert(
      fc.asyncProperty(mutatedBody(validBody), authorization, origin, async (body, auth, from) => {
        const response = await complete(
          fuzzedRequest("http://localhost/v1/chat/completions", {
            body,
            contentType: "application/json",
            headers: headers(auth, from),
          }),
        );
        await check(response);
      }),
      { numRuns: 600 },
    );
  });

  it("answers random JSON, broken JSON, odd bytes and content types in OpenAI's error shape", async () => {
    await fc.assert(
      fc.asyncProperty(
        rawBody(validBody),
        contentType,
        contentLength,
        authorization,
        async (body, type, length, auth) => {
          const response = await complete(
            fuzzedRequest("http://localhost/v1/chat/completions", {
              body,
              raw: true,
              contentType: type,
              contentLength: length,
              headers: headers(auth, undefined),
            }),
          );
          await check(response);
        },
      ),
      { numRuns: 400 },
    );
  });

  it("GET /v1/models and preflights: any key and origin", async () => {
    await fc.assert(
      fc.asyncProperty(authorization, origin, headerValue, async (auth, from, requested) => {
        await check(await listModels(new Request("http://localhost/v1/models", { headers: headers(auth, from) })));
        for (const preflight of [modelsPreflight, completionsPreflight]) {
          const response = preflight(
            new Request("http://localhost/v1/models", {
              method: "OPTIONS",
              headers: { ...headers(auth, from), "access-control-request-headers": requested },
            }),
          );
          await check(response);
        }
      }),
      { numRuns: 150 },
    );
  });
});
