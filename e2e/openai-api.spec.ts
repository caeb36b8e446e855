import { createOpenAICompatible } from "@ai-sdk/openai-compatible";
import { expect, test } from "@playwright/test";
import { generateText, isStepCount, streamText, tool } from "ai";
import OpenAI from "openai";
import { z } from "zod";

/**
 * The OpenAI-compatible API (/v1) against the built Worker in workerd, called
 * the way developers will call it: with the official `openai` client and the
 * AI SDK's `@ai-sdk/openai-compatible` provider. The server runs with
 * OPENAI_API_KEYS=test:sk-test-123 (playwright.config.ts) in offline mode, so
 * answers come from the built-in stand-in, steered by `offline:*` directives.
 */

const KEY = "sk-test-123";
const MODEL = "@cf/meta/llama-3.3-70b-instruct-fp8-fast";
const TIME_TOOL = {
  type: "function" as const,
  function: {
    name: "current_time",
    description: "The current time in an IANA time zone.",
    parameters: { type: "object", properties: { timeZone: { type: "string" } }, required: ["timeZone"] },
  },
};

function client(baseURL: string | undefined, apiKey = KEY): OpenAI {
  return new OpenAI({ apiKey, baseURL: `${baseURL}/v1`, maxRetries: 0 });
}

test("the openai client lists models and gets a whole completion", async ({ baseURL }) => {
  const openai = client(baseURL);
  const models = await openai.models.list();
  expect(models.data.map((model) => model.id)).toContain(MODEL);

  const completion = await openai.chat.completions.create({
    model: MODEL,
    messages: [
      { role: "system", content: "Answer briefly." },
      { role: "user", content: "Hello from the openai client offline:words=15 offline:delay=0" },
    ],
  });
  expect(completion.object).toBe("chat.completion");
  expect(completion.choices[0]?.finish_reason).toBe("stop");
  expect(completion.choices[0]?.message.content?.split(/\s+/)).toHaveLength(15);
  expect(completion.choices[0]?.message.content).toContain("not a model");
  expect(completion.usage?.completion_tokens).toBe(15);
});

test("the openai client streams chunks and usage", async ({ baseURL }) => {
  const stream = await client(baseURL).chat.completions.create({
    model: MODEL,
    messages: [{ role: "user", content: "Stream please offline:words=25 offline:delay=5" }],
    stream: true,
    stream_options: { include_usage: true },
  });
  let text = "";
  let contentChunks = 0;
  let finishReason: string | null | undefined;
  let completionTokens: number | undefined;
  for await (const chunk of stream) {
    const choice = chunk.choices[0];
    if (choice?.delta.content) {
      text += choice.delta.content;
      contentChunks += 1;
    }
    if (choice?.finish_reason) finishReason = choice.finish_reason;
    if (chunk.usage) completionTokens = chunk.usage.completion_tokens;
  }
  expect(contentChunks).toBeGreaterThan(5);
  expect(text.split(/\s+/)).toHaveLength(25);
  expect(finishReason).toBe("stop");
  expect(completionTokens).toBe(25);
});

test("the openai client gets a tool call and sends its result back", async ({ baseURL }) => {
  const openai = client(baseURL);
  const user = {
    role: "user" as const,
    content: 'What time is it? offline:tool=current_time offline:args={"timeZone":"UTC"} offline:delay=0',
  };
  const first = await openai.chat.completions.create({ model: MODEL, messages: [user], tools: [TIME_TOOL] });
  expect(first.choices[0]?.finish_reason).toBe("tool_calls");
  const call = first.choices[0]?.message.tool_calls?.[0];
  if (call?.type !== "function") throw new Error("expected a function tool call");
  expect(call.function.name).toBe("current_time");
  expect(JSON.parse(call.function.arguments)).toEqual({ timeZone: "UTC" });

  const second = await openai.chat.completions.create({
    model: MODEL,
    tools: [TIME_TOOL],
    messages: [
      user,
      { role: "assistant", content: null, tool_calls: [call] },
      { role: "tool", tool_call_id: call.id, content: JSON.stringify({ iso: "2026-11-23T12:00:00Z" }) },
    ],
  });
  expect(second.choices[0]?.finish_reason).toBe("stop");
  expect(second.choices[0]?.message.content).toContain("2026-11-23T12:00:00Z");
});

test("the openai client sees 401 for a bad key and 400/404 for bad input", async ({ baseURL }) => {
  const wrongKey = client(baseURL, "sk-wrong").chat.completions.create({
    model: MODEL,
    messages: [{ role: "user", content: "hi" }],
  });
  await expect(wrongKey).rejects.toBeInstanceOf(OpenAI.AuthenticationError);
  await expect(wrongKey).rejects.toMatchObject({ status: 401, code: "invalid_api_key" });

  const openai = client(baseURL);
  const unknownModel = openai.chat.completions.create({ model: "gpt-4o", messages: [{ role: "user", content: "hi" }] });
  await expect(unknownModel).rejects.toBeInstanceOf(OpenAI.NotFoundError);
  await expect(unknownModel).rejects.toMatchObject({ status: 404, code: "model_not_found", param: "model" });

  const noMessages = openai.chat.completions.create({ model: MODEL, messages: [] });
  await expect(noMessages).rejects.toBeInstanceOf(OpenAI.BadRequestError);
  await expect(noMessages).rejects.toMatchObject({ status: 400, param: "messages" });
});

test("plain fetch gets 400 for malformed JSON and a Bearer challenge without a key", async ({ request }) => {
  const malformed = await request.post("/v1/chat/completions", {
    headers: { authorization: `Bearer ${KEY}`, "content-type": "application/json" },
    // A Buffer goes as is; a string would be serialised as a (valid) JSON string.
    data: Buffer.from("{not json"),
  });
  expect(malformed.status()).toBe(400);
  expect(await malformed.json()).toMatchObject({ error: { type: "invalid_request_error", code: "malformed_json" } });

  const anonymous = await request.get("/v1/models");
  expect(anonymous.status()).toBe(401);
  expect(anonymous.headers()["www-authenticate"]).toMatch(/^Bearer/);
});

test("the AI SDK's openai-compatible provider generates, streams and runs a tool loop", async ({ baseURL }) => {
  const provider = createOpenAICompatible({
    name: "workers-ai-chat",
    baseURL: `${baseURL}/v1`,
    apiKey: KEY,
    includeUsage: true,
  });
  const model = provider.chatModel(MODEL);

  const generated = await generateText({ model, prompt: "Hi offline:words=8 offline:delay=0", maxRetries: 0 });
  expect(generated.text.split(/\s+/)).toHaveLength(8);
  expect(generated.finishReason).toBe("stop");

  const streamed = streamText({ model, prompt: "Hi offline:words=12 offline:delay=5", maxRetries: 0 });
  let deltas = 0;
  for await (const delta of streamed.textStream) if (delta) deltas += 1;
  expect(deltas).toBeGreaterThan(3);
  expect((await streamed.text).split(/\s+/)).toHaveLength(12);
  expect((await streamed.usage).outputTokens).toBe(12);

  let executedWith: unknown;
  const looped = await generateText({
    model,
    prompt:
      'What time is it in Tokyo? offline:tool=current_time offline:args={"timeZone":"Asia/Tokyo"} offline:delay=0',
    tools: {
      current_time: tool({
        description: "The current time in an IANA time zone.",
        inputSchema: z.object({ timeZone: z.string() }),
        execute: async (input) => {
          executedWith = input;
          return { timeZone: input.timeZone, iso: "2026-11-23T21:00:00+09:00" };
        },
      }),
    },
    stopWhen: isStepCount(2),
    maxRetries: 0,
  });
  expect(executedWith).toEqual({ timeZone: "Asia/Tokyo" });
  expect(looped.steps[0]?.finishReason).toBe("tool-calls");
  expect(looped.text).toContain("The current_time tool returned");
  expect(looped.text).toContain("2026-11-23T21:00:00+09:00");
});
