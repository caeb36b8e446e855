import { APICallError, generateImage, generateText, isStepCount, streamText, tool } from "ai";
import { describe, expect, it } from "vitest";
import { createWorkersAI } from "workers-ai-provider";
import { z } from "zod";
import { imageInfo } from "@/lib/files/image-size";
import {
  createOfflineBinding,
  isOfflineOutput,
  type OfflineBindingOptions,
  parseOfflineDirectives,
} from "./offline-binding";

const MODEL = "@cf/meta/llama-3.3-70b-instruct-fp8-fast";

// The provider types its binding as workers-types' `Ai`, whose full surface
// (models(), gateway(), toMarkdown(), ...) the stand-in deliberately does not
// fake; the provider itself only calls run(), so the cast is safe.
type ProviderBinding = NonNullable<Parameters<typeof createWorkersAI>[0]["binding"]>;

function setup(options: OfflineBindingOptions = {}, model = MODEL) {
  const binding = createOfflineBinding({ chunkDelayMs: 0, ...options });
  const workersai = createWorkersAI({ binding: binding as unknown as ProviderBinding });
  return { binding, model: workersai(model) };
}

const words = (text: string) => text.trim().split(/\s+/).filter(Boolean).length;

// streamText logs stream errors to the console unless onError is set; these tests inspect the error part instead.
const quiet = () => {};

type Part = { type: string; [k: string]: unknown };

/** Drain a streamText result's full part stream. */
async function collect(stream: AsyncIterable<Part>): Promise<{ parts: Part[]; text: string; deltas: number }> {
  const parts: Part[] = [];
  let text = "";
  let deltas = 0;
  for await (const part of stream) {
    parts.push(part);
    if (part.type === "text-delta") {
      text += String(part.text);
      deltas++;
    }
  }
  return { parts, text, deltas };
}

const addTool = (executed: Array<{ a: number; b: number }>) =>
  tool({
    description: "Add two numbers",
    inputSchema: z.object({ a: z.number(), b: z.number() }),
    execute: async ({ a, b }) => {
      executed.push({ a, b });
      return { sum: a + b };
    },
  });

describe("parseOfflineDirectives", () => {
  it("extracts directives, clamps numbers and strips the tokens from the text", () => {
    const d = parseOfflineDirectives(
      'hello offline:words=99999 there offline:delay=-5 offline:tool=calc offline:args={"x":1} offline:fail=3040 offline:reasoning=7 offline:bogus=1 offline:words=abc',
    );
    expect(d.text).toBe("hello there");
    expect(d.words).toBe(20000);
    expect(d.delay).toBe(0);
    expect(d.tool).toBe("calc");
    expect(d.args).toBe('{"x":1}');
    expect(d.fail).toBe("3040");
    expect(d.reasoning).toBe(7);
    expect(d.ignored).toEqual(["offline:bogus=1", "offline:words=abc"]);
  });

  it("ignores lookalikes that are not whole tokens", () => {
    expect(parseOfflineDirectives("xoffline:words=3").words).toBeUndefined();
  });
});

describe("offline binding through workers-ai-provider + AI SDK", () => {
  it("streams a plain reply of exactly the requested words, in several chunks, labelled as offline", async () => {
    const { model } = setup();
    const result = streamText({ model, prompt: "Tell me about streams offline:words=137", maxOutputTokens: 1000 });
    const { text, deltas } = await collect(result.stream);
    expect(words(text)).toBe(137);
    expect(deltas).toBeGreaterThan(10);
    expect(text).toContain("offline stand-in, not a model");
    expect(text).toContain("Tell me about streams");
    expect(text).not.toContain("offline:words");
    expect(text).toContain("\n\n"); // paragraphs for markdown
    expect(await result.finishReason).toBe("stop");
  });

  it("format=markdown mixes code, lists, tables and math into a reply of exactly the requested words", async () => {
    const { model } = setup();
    const result = streamText({
      model,
      prompt: "Show me offline:words=600 offline:format=markdown",
      maxOutputTokens: 1000,
    });
    const { text } = await collect(result.stream);
    expect(words(text)).toBe(600);
    expect(text).toContain("offline stand-in, not a model");
    expect(text).toMatch(/^```ts$/m);
    expect(text).toMatch(/^```python$/m);
    expect(text).toContain("| Name | Value | Note |");
    expect(text).toContain("$$\ne^{i\\pi} + 1 = 0\n$$");
    expect(text).not.toContain("offline:format");
  });

  it("uses replyWords and wordsPerChunk options", async () => {
    const { model } = setup({ replyWords: 50, wordsPerChunk: 10 });
    const { text, deltas } = await collect(streamText({ model, prompt: "hi" }).stream);
    expect(words(text)).toBe(50);
    expect(deltas).toBe(5);
  });

  it("is deterministic: the same input gives the same text, streamed or not", async () => {
    const { model } = setup();
    const prompt = "Determinism please offline:words=80";
    const a = (await collect(streamText({ model, prompt }).stream)).text;
    const b = (await collect(streamText({ model, prompt }).stream)).text;
    const c = (await generateText({ model, prompt })).text;
    expect(a).toBe(b);
    expect(c).toBe(a);
    const other = (await collect(streamText({ model, prompt: "Something else offline:words=80" }).stream)).text;
    expect(other).not.toBe(a);
  });

  it("stops at max_tokens with finishReason length", async () => {
    const { model, binding } = setup();
    const result = streamText({ model, prompt: "long one offline:words=500", maxOutputTokens: 40 });
    const { text } = await collect(result.stream);
    expect(words(text)).toBe(40);
    expect(await result.finishReason).toBe("length");
    expect(binding.calls.at(-1)?.inputs.max_tokens).toBe(40);

    const generated = await generateText({ model, prompt: "long one offline:words=500", maxOutputTokens: 40 });
    expect(words(generated.text)).toBe(40);
    expect(generated.finishReason).toBe("length");
  });

  it("reports usage", async () => {
    const { model } = setup();
    const result = streamText({ model, prompt: "count my words please offline:words=30" });
    await collect(result.stream);
    const usage = await result.usage;
    expect(usage.outputTokens).toBe(30);
    // prompt_tokens counts the words of the input messages, directive included.
    expect(usage.inputTokens).toBe(5);
    expect(usage.totalTokens).toBe(35);
  });

  it("runs a tool-call round trip (streaming) and records the tools sent", async () => {
    const { model, binding } = setup();
    const executed: Array<{ a: number; b: number }> = [];
    const result = streamText({
      model,
      instructions: "You can add.",
      prompt: 'add them offline:tool=add offline:args={"a":2,"b":40}',
      tools: { add: addTool(executed) },
      stopWhen: isStepCount(3),
    });
    const { parts, text } = await collect(result.stream);
    expect(executed).toEqual([{ a: 2, b: 40 }]);
    expect(parts.some((p) => p.type === "tool-call" && p.toolName === "add")).toBe(true);
    expect(text).toContain("The add tool returned:");
    expect(text).toContain('"sum":42');
    expect((await result.steps).length).toBe(2);
    expect(await result.finishReason).toBe("stop");

    // First call offered the tool; the follow-up carried the tool result.
    const [first, second] = binding.calls.slice(-2);
    const sentTools = first?.inputs.tools as Array<{ function: { name: string } }>;
    expect(sentTools.map((t) => t.function.name)).toEqual(["add"]);
    const sentMessages = second?.inputs.messages as Array<{ role: string }>;
    expect(sentMessages.at(-1)?.role).toBe("tool");
  });

  it("runs a tool-call round trip (non-streaming)", async () => {
    const { model } = setup();
    const executed: Array<{ a: number; b: number }> = [];
    const result = await generateText({
      model,
      prompt: 'offline:tool=add offline:args={"a":1,"b":1}',
      tools: { add: addTool(executed) },
      stopWhen: isStepCount(3),
    });
    expect(executed).toEqual([{ a: 1, b: 1 }]);
    expect(result.text).toContain('The add tool returned: {"sum":2}');
  });

  // Found by the /v1 fuzzer: tool_choice "required" without a directive got a text reply,
  // which the AI SDK rejects ("did not contain a tool call"), so the API answered 502.
  it("obeys a forced tool choice without a directive, as a model would", async () => {
    const { model } = setup();
    const executed: Array<{ a: number; b: number }> = [];
    const required = await generateText({
      model,
      prompt: 'please add offline:args={"a":3,"b":4}',
      tools: { add: addTool(executed) },
      toolChoice: "required",
    });
    expect(required.toolCalls.map((call) => call.toolName)).toEqual(["add"]);
    const named = await generateText({
      model,
      prompt: "just talk",
      tools: { add: addTool(executed), other: addTool(executed) },
      toolChoice: { type: "tool", toolName: "other" },
    });
    expect(named.toolCalls.map((call) => call.toolName)).toEqual(["other"]);
  });

  // Found by the /v1 fuzzer: a conversation ending in a tool result with
  // tool_choice "required" got the text summary, and the API answered 502.
  it("obeys a forced tool choice right after a tool result", async () => {
    const { model } = setup();
    const executed: Array<{ a: number; b: number }> = [];
    const result = await generateText({
      model,
      messages: [
        { role: "user", content: "add" },
        {
          role: "assistant",
          content: [{ type: "tool-call", toolCallId: "call_1", toolName: "add", input: { a: 1, b: 2 } }],
        },
        {
          role: "tool",
          content: [
            { type: "tool-result", toolCallId: "call_1", toolName: "add", output: { type: "json", value: { sum: 3 } } },
          ],
        },
      ],
      tools: { add: addTool(executed) },
      toolChoice: "required",
    });
    expect(result.toolCalls.map((call) => call.toolName)).toEqual(["add"]);
  });

  it("answers in plain text when the named tool is not offered", async () => {
    const { model, binding } = setup();
    const result = streamText({ model, prompt: "offline:tool=weather" });
    const { parts, text } = await collect(result.stream);
    expect(parts.some((p) => p.type === "tool-call")).toBe(false);
    expect(text).toContain('the tool "weather" is not available');
    expect(binding.calls.at(-1)?.inputs.tools).toBeUndefined();
  });

  it("streams reasoning before the answer", async () => {
    const { model } = setup();
    const result = streamText({ model, prompt: "think first offline:reasoning=12 offline:words=20" });
    const { parts, text } = await collect(result.stream);
    const reasoning = parts
      .filter((p) => p.type === "reasoning-delta")
      .map((p) => String(p.text))
      .join("");
    expect(words(reasoning)).toBe(12);
    expect(words(text)).toBe(20);
    const firstReasoning = parts.findIndex((p) => p.type === "reasoning-delta");
    const firstText = parts.findIndex((p) => p.type === "text-delta");
    expect(firstReasoning).toBeGreaterThanOrEqual(0);
    expect(firstReasoning).toBeLessThan(firstText);
    expect((await result.usage).outputTokens).toBe(32);

    const generated = await generateText({ model, prompt: "think first offline:reasoning=12 offline:words=20" });
    expect(words(generated.reasoningText ?? "")).toBe(12);
    expect(generated.text).toBe(text);
  });

  it("fail=3040 becomes an APICallError with status 429", async () => {
    const { model } = setup();
    const error = await generateText({ model, prompt: "offline:fail=3040", maxRetries: 0 }).catch((e: unknown) => e);
    expect(APICallError.isInstance(error)).toBe(true);
    expect((error as APICallError).statusCode).toBe(429);
    expect((error as APICallError).isRetryable).toBe(true);
    expect((error as APICallError).message).toMatch(/^3040: Capacity temporarily exceeded/);
  });

  it("fail=3036 (daily quota) is also 429 and streams an error part", async () => {
    const { model } = setup();
    const { parts } = await collect(
      streamText({ model, prompt: "offline:fail=3036", maxRetries: 0, onError: quiet }).stream,
    );
    const error = parts.find((p) => p.type === "error")?.error;
    expect(APICallError.isInstance(error)).toBe(true);
    expect((error as APICallError).statusCode).toBe(429);
    expect((error as APICallError).message).toContain("daily free allocation");
  });

  it("fail=5007 and a model id without @cf/ or @hf/ become 400", async () => {
    const { model } = setup();
    const viaDirective = await generateText({ model, prompt: "offline:fail=5007", maxRetries: 0 }).catch(
      (e: unknown) => e,
    );
    expect((viaDirective as APICallError).statusCode).toBe(400);
    expect((viaDirective as APICallError).message).toBe(`5007: No such model ${MODEL} or task`);

    const bad = setup({}, "@xx/not-a-model").model;
    const { parts } = await collect(streamText({ model: bad, prompt: "hi", maxRetries: 0, onError: quiet }).stream);
    const error = parts.find((p) => p.type === "error")?.error;
    expect(APICallError.isInstance(error)).toBe(true);
    expect((error as APICallError).statusCode).toBe(400);
  });

  it("rejects non-text models clearly", async () => {
    const binding = createOfflineBinding({ chunkDelayMs: 0 });
    await expect(binding.run("@cf/openai/whisper", { audio: [] })).rejects.toThrow(
      "offline binding: @cf/openai/whisper is not supported offline yet",
    );
  });

  it("fail=midstream: partial text, then the provider silently ignores the error event", async () => {
    const { model } = setup();
    const result = streamText({ model, prompt: "offline:fail=midstream offline:words=40" });
    const { parts, text } = await collect(result.stream);
    // Observed: the provider drops the `{"error":...}` event without any error
    // part and, because [DONE] follows, finishes with "stop" and raw "stop" —
    // indistinguishable from a complete reply except for the length.
    expect(words(text)).toBe(20);
    expect(parts.some((p) => p.type === "error")).toBe(false);
    expect(await result.finishReason).toBe("stop");
    expect(await result.rawFinishReason).toBe("stop");
  });

  it("fail=truncate: partial text, finishReason error (raw stream-truncated), no error part", async () => {
    const { model } = setup();
    const result = streamText({ model, prompt: "offline:fail=truncate offline:words=40" });
    const { parts, text } = await collect(result.stream);
    // Observed: no error part and nothing thrown; the provider notices the
    // missing [DONE]/finish_reason and reports finishReason "error" with raw
    // "stream-truncated". Usage stays 0 because the usage chunk never came.
    expect(words(text)).toBe(20);
    expect(parts.some((p) => p.type === "error")).toBe(false);
    expect(await result.finishReason).toBe("error");
    expect(await result.rawFinishReason).toBe("stream-truncated");
    expect((await result.usage).outputTokens).toBe(0);
  });

  it("an abort signal stops the stream early", async () => {
    const { model } = setup();
    const controller = new AbortController();
    const result = streamText({ model, prompt: "offline:words=5000", abortSignal: controller.signal });
    const parts: Part[] = [];
    let text = "";
    for await (const part of result.stream) {
      parts.push(part);
      if (part.type === "text-delta") {
        text += part.text;
        if (words(text) >= 10) controller.abort();
      }
    }
    expect(parts.some((p) => p.type === "abort")).toBe(true);
    expect(words(text)).toBeLessThan(100);
  });

  it("honours the abort signal and cancel() on the raw binding stream", async () => {
    const binding = createOfflineBinding({ chunkDelayMs: 0 });
    const controller = new AbortController();
    const stream = (await binding.run(
      MODEL,
      { messages: [{ role: "user", content: "offline:words=1000" }], stream: true },
      { signal: controller.signal },
    )) as ReadableStream<Uint8Array>;
    expect(stream).toBeInstanceOf(ReadableStream);
    const reader = stream.getReader();
    const first = await reader.read();
    expect(new TextDecoder().decode(first.value)).toMatch(/^data: \{"response":"Offline /);
    controller.abort();
    await expect(reader.read()).rejects.toMatchObject({ name: "AbortError" });

    const again = (await binding.run(MODEL, {
      prompt: "offline:words=1000",
      stream: true,
    })) as ReadableStream<Uint8Array>;
    const r2 = again.getReader();
    await r2.read();
    await r2.cancel();
    expect((await r2.read()).done).toBe(true);

    const aborted = AbortSignal.abort();
    await expect(binding.run(MODEL, { prompt: "hi" }, { signal: aborted })).rejects.toMatchObject({
      name: "AbortError",
    });
  });

  it("speaks the native wire format, ending with usage, finish_reason and [DONE]", async () => {
    const binding = createOfflineBinding({ chunkDelayMs: 0, wordsPerChunk: 2 });
    const stream = (await binding.run(MODEL, {
      messages: [
        { role: "system", content: "be brief" },
        { role: "user", content: [{ type: "text", text: "one two three offline:words=3" }] },
      ],
      stream: true,
    })) as ReadableStream<Uint8Array>;
    const raw = await new Response(stream).text();
    const events = raw.split("\n\n").filter(Boolean);
    expect(events).toEqual([
      'data: {"response":"Offline mode "}',
      'data: {"response":"—"}',
      'data: {"response":"","usage":{"prompt_tokens":6,"completion_tokens":3,"total_tokens":9},"finish_reason":"stop"}',
      "data: [DONE]",
    ]);
  });

  it("keeps at most the last 50 calls, as plain data", async () => {
    const binding = createOfflineBinding({ chunkDelayMs: 0 });
    for (let i = 0; i < 55; i++) await binding.run(MODEL, { prompt: `call ${i} offline:words=1` });
    expect(binding.calls).toHaveLength(50);
    expect(binding.calls[0]?.inputs.prompt).toBe("call 5 offline:words=1");
    expect(binding.calls.at(-1)?.inputs.prompt).toBe("call 54 offline:words=1");
    expect(() => structuredClone(binding.calls)).not.toThrow();
    expect(binding.offline).toBe(true);
  });
});

describe("offline image model (flux-1-schnell's shape) through workers-ai-provider + generateImage", () => {
  const FLUX = "@cf/black-forest-labs/flux-1-schnell";

  function imageSetup() {
    const binding = createOfflineBinding({ chunkDelayMs: 0 });
    const workersai = createWorkersAI({ binding: binding as unknown as ProviderBinding });
    return { binding, model: workersai.image(FLUX) };
  }

  it("answers { image: base64 } with a 1024x1024 placeholder PNG the provider decodes", async () => {
    const { binding, model } = imageSetup();
    const { image } = await generateImage({ model, prompt: "a lighthouse at dusk" });
    expect(image.mediaType).toBe("image/png");
    expect(imageInfo(image.uint8Array)).toEqual({ mediaType: "image/png", width: 1024, height: 1024 });
    // Labelled inside the file too, so a downloaded copy still says what it is.
    expect(new TextDecoder("latin1").decode(image.uint8Array)).toContain("no model made this");
    expect(binding.calls.at(-1)).toEqual({ model: FLUX, inputs: { prompt: "a lighthouse at dusk" } });

    const raw = await binding.run(FLUX, { prompt: "a lighthouse at dusk" });
    expect(Object.keys(raw as object)).toEqual(["image"]);
    expect(typeof (raw as { image: unknown }).image).toBe("string");
  });

  it("is deterministic per prompt (and seed), different for different prompts", async () => {
    const { model } = imageSetup();
    const bytes = async (prompt: string, seed?: number) => (await generateImage({ model, prompt, seed })).image.base64;
    const fox = await bytes("a red fox");
    expect(await bytes("a red fox")).toBe(fox);
    expect(await bytes("a blue whale")).not.toBe(fox);
    expect(await bytes("a red fox", 7)).not.toBe(fox);
  });

  it("marks its outputs so callers can tell a placeholder from a real image", async () => {
    const binding = createOfflineBinding();
    expect(isOfflineOutput(await binding.run(FLUX, { prompt: "a cat" }))).toBe(true);
    expect(isOfflineOutput({ image: "AAAA" })).toBe(false);
    expect(isOfflineOutput(null)).toBe(false);
  });

  it("offline:fail=<code> in the prompt fails like Workers AI (3036 -> 429 APICallError)", async () => {
    const { model } = imageSetup();
    const error = await generateImage({ model, prompt: "a cat offline:fail=3036", maxRetries: 0 }).catch((e) => e);
    expect(APICallError.isInstance(error)).toBe(true);
    expect((error as APICallError).statusCode).toBe(429);
    expect((error as APICallError).message).toContain("daily free allocation");
  });

  it("rejects stream-only failures, unknown failures, and a missing or too long prompt", async () => {
    const binding = createOfflineBinding();
    await expect(binding.run(FLUX, { prompt: "x offline:fail=midstream" })).rejects.toThrow(
      "offline:fail=midstream on an image model",
    );
    await expect(binding.run(FLUX, { prompt: "x offline:fail=bogus" })).rejects.toThrow("unknown offline:fail=bogus");
    await expect(binding.run(FLUX, {})).rejects.toThrow("required properties at '/' are 'prompt'");
    await expect(binding.run(FLUX, { prompt: "x".repeat(2049) })).rejects.toThrow("more than 2048 characters");
  });

  it("offline:delay waits, and an abort stops the wait", async () => {
    const binding = createOfflineBinding();
    const controller = new AbortController();
    const pending = binding.run(FLUX, { prompt: "slow offline:delay=2000" }, { signal: controller.signal });
    controller.abort(new Error("stopped"));
    await expect(pending).rejects.toThrow("stopped");
  });
});

describe("offline:args with spaces", () => {
  it("reads a whole JSON object even when its strings contain spaces and braces", () => {
    const directives = parseOfflineDirectives(
      'Draw offline:tool=generate_image offline:args={"prompt":"a red {lighthouse} at \\"dusk\\""} offline:delay=0 please',
    );
    expect(directives.tool).toBe("generate_image");
    expect(JSON.parse(directives.args ?? "")).toEqual({ prompt: 'a red {lighthouse} at "dusk"' });
    expect(directives.delay).toBe(0);
    expect(directives.text).toBe("Draw please");
  });
});

describe("offline vision and Whisper through workers-ai-provider", () => {
  const VISION = "@cf/meta/llama-4-scout-17b-16e-instruct";
  // A 2x3 PNG's signature and IHDR: enough for the stand-in to tell type and size.
  const png = Uint8Array.from([
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 2, 0, 0, 0, 3, 8, 2,
    0, 0, 0,
  ]);
  const withImage = [
    {
      role: "user" as const,
      content: [
        { type: "text" as const, text: "what is this? offline:words=3" },
        { type: "file" as const, mediaType: "image/png", data: png },
      ],
    },
  ];

  it("receives a file part as an image_url data URL and says what arrived", async () => {
    const { binding, model } = setup({}, VISION);
    const { text } = await generateText({ model, messages: withImage });
    expect(
      text.startsWith(
        `Offline mode — the stand-in received 1 image (image 1: image/png, 2×3 pixels, ${png.length} bytes).`,
      ),
    ).toBe(true);
    const content = (binding.calls[0]?.inputs.messages as { content: unknown }[])[0]?.content;
    expect(content).toEqual([
      { type: "text", text: "what is this? offline:words=3" },
      { type: "image_url", image_url: { url: `data:image/png;base64,${Buffer.from(png).toString("base64")}` } },
    ]);
  });

  it("refuses images for a model the catalog doesn't flag for vision, like an input-schema error", async () => {
    const { model } = setup();
    await expect(generateText({ model, messages: withImage, maxRetries: 0 })).rejects.toThrow(
      /5006: .*does not accept image input/,
    );
  });

  it("answers whisper-large-v3-turbo in its output shape, deterministically", async () => {
    const binding = createOfflineBinding();
    const wav = new Uint8Array(44 + 16_000);
    wav.set(new TextEncoder().encode("RIFF"), 0);
    wav.set(new TextEncoder().encode("WAVEfmt "), 8);
    const view = new DataView(wav.buffer);
    view.setUint32(16, 16, true);
    view.setUint32(28, 16_000, true); // byte rate: 1 second per 16000 bytes
    wav.set(new TextEncoder().encode("data"), 36);
    view.setUint32(40, 16_000, true);
    const audio = Buffer.from(wav).toString("base64");
    const output = (await binding.run("@cf/openai/whisper-large-v3-turbo", { audio })) as Record<string, unknown>;
    expect(output).toMatchObject({
      text: `Offline transcription of 1.0 seconds of WAV audio (${wav.length} bytes) from the stand-in, not Whisper.`,
      transcription_info: { language: "en", duration: 1, duration_after_vad: 1 },
      word_count: 15,
    });
    expect(output.vtt).toMatch(/^WEBVTT\n\n00:00:00\.000 --> 00:00:01\.000\nOffline transcription/);
    expect(isOfflineOutput(output)).toBe(true);
    expect(await binding.run("@cf/openai/whisper-large-v3-turbo", { audio })).toEqual(output);
    await expect(binding.run("@cf/openai/whisper-large-v3-turbo", { audio: [1, 2, 3] })).rejects.toThrow(/5006/);
  });
});
