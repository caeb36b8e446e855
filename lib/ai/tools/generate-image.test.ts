import { isStepCount, streamText } from "ai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createWorkersAI } from "workers-ai-provider";
import { type AiRunner, resolveAiBinding } from "@/lib/ai/binding";
import { imageInfo } from "@/lib/files/image-size";
import { freshId, TestBrowser } from "@/lib/testing/test-browser";
import { startWorkerContext, type WorkerTestContext } from "@/lib/testing/worker-context";
import { createGenerateImageTool, type GenerateImageOutput, generateImageInput } from "./generate-image";
import type { ToolContext } from "./tool-context";

let worker: WorkerTestContext;
beforeAll(async () => {
  worker = await startWorkerContext();
});
afterAll(async () => {
  await worker.dispose();
});

/** The turn's binding exactly as a chat turn gets it offline (capacity retry and stream guard included). */
const offlineAi = () => resolveAiBinding({ AI_MODE: "offline" }).binding;

async function ownedChat(): Promise<{ chatId: string; ownerId: string }> {
  const browser = new TestBrowser(worker);
  const chatId = freshId("img");
  await browser.chatTurn(chatId, "hello offline:words=3 offline:delay=0");
  return { chatId, ownerId: browser.ownerId };
}

async function runTool(context: ToolContext, input: { prompt: string }): Promise<GenerateImageOutput> {
  const execute = createGenerateImageTool(context).execute;
  if (!execute) throw new Error("generate_image has no execute");
  return (await execute(input, { toolCallId: "call-1", messages: [], context: {} })) as GenerateImageOutput;
}

function keyOf(url: string): string {
  return url.replace(/^\/api\/files\//, "");
}

describe("generate_image tool", () => {
  it("makes an image through the real provider path, stores it in R2 and returns its URL", async () => {
    const { chatId, ownerId } = await ownedChat();
    const output = await runTool(
      { env: worker.env, chatId, ownerId, ai: offlineAi() },
      { prompt: "a red fox in snow" },
    );

    expect(output).toEqual({
      url: expect.stringMatching(new RegExp(`^/api/files/images/${chatId}/[A-Za-z0-9_-]+\\.png$`)),
      mediaType: "image/png",
      prompt: "a red fox in snow",
      width: 1024,
      height: 1024,
      offline: true,
    });
    const object = await worker.env.FILES.get(keyOf(output.url));
    expect(object).not.toBeNull();
    expect(object?.httpMetadata?.contentType).toBe("image/png");
    expect(object?.customMetadata).toEqual({
      chatId,
      ownerId,
      prompt: "a red fox in snow",
      offline: "true",
      // Tells generated images from attached ones, which a message may reference.
      source: "generated",
    });
    const bytes = new Uint8Array(await (object as R2ObjectBody).arrayBuffer());
    expect(imageInfo(bytes)).toEqual({ mediaType: "image/png", width: 1024, height: 1024 });
  });

  it("tells a placeholder from a real image by what answered, not by AI_MODE alone", async () => {
    const { chatId, ownerId } = await ownedChat();
    // A Worker with an AI binding in auto mode: the mode alone can't say whether the stand-in answered.
    const env: CloudflareEnv = { ...worker.env, AI_MODE: "auto", AI: {} as Ai };
    const offline = await runTool({ env, chatId, ownerId, ai: offlineAi() }, { prompt: "a kite" });
    expect(offline.offline).toBe(true);

    // A stand-in for the real binding: flux-1-schnell's `{ image: base64 JPEG }`, 1024x768.
    const jpeg = Uint8Array.from([
      0xff, 0xd8, 0xff, 0xc0, 0x00, 0x11, 0x08, 0x03, 0x00, 0x04, 0x00, 0x03, 0x01, 0x22, 0x00, 0x02, 0x11, 0x01, 0x03,
      0x11, 0x01, 0xff, 0xd9,
    ]);
    const realLike: AiRunner = { run: async () => ({ image: btoa(String.fromCharCode(...jpeg)) }) };
    const real = await runTool({ env, chatId, ownerId, ai: realLike }, { prompt: "a kite" });
    expect(real).toMatchObject({ mediaType: "image/jpeg", width: 1024, height: 768, offline: false });
    expect(real.url).toMatch(/\.jpg$/);
    const stored = await worker.env.FILES.head(keyOf(real.url));
    expect(stored?.customMetadata?.offline).toBe("false");
  });

  it("turns an offline failure directive into an error a person can read, storing nothing", async () => {
    const { chatId, ownerId } = await ownedChat();
    const context = { env: worker.env, chatId, ownerId, ai: offlineAi() };
    await expect(runTool(context, { prompt: "a cat offline:fail=3036" })).rejects.toThrow(
      "Image generation failed. The Workers AI daily free allocation is used up.",
    );
    await expect(runTool(context, { prompt: "a cat offline:fail=3040" })).rejects.toThrow(
      "Image generation failed. The model is busy right now.",
    );
    expect((await worker.env.FILES.list({ prefix: `images/${chatId}/` })).objects).toEqual([]);
  });

  it("refuses output that is not a PNG or JPEG", async () => {
    const { chatId, ownerId } = await ownedChat();
    const svg: AiRunner = { run: async () => ({ image: btoa("<svg xmlns='http://www.w3.org/2000/svg'/>") }) };
    await expect(runTool({ env: worker.env, chatId, ownerId, ai: svg }, { prompt: "a cat" })).rejects.toThrow(
      "did not return a PNG or JPEG image",
    );
  });

  it("validates its input: a prompt of 1..1000 characters", () => {
    expect(generateImageInput.safeParse({ prompt: "  " }).success).toBe(false);
    expect(generateImageInput.safeParse({ prompt: "x".repeat(1001) }).success).toBe(false);
    expect(generateImageInput.safeParse({ prompt: " a boat " }).data).toEqual({ prompt: "a boat" });
  });

  it("runs inside a chat turn: the offline model calls it and answers with its result", async () => {
    const { chatId, ownerId } = await ownedChat();
    const ai = offlineAi();
    const model = createWorkersAI({ binding: ai as unknown as Ai })("@cf/meta/llama-3.3-70b-instruct-fp8-fast");
    const result = streamText({
      model,
      prompt: 'draw offline:tool=generate_image offline:args={"prompt":"a-green-teapot"} offline:delay=0',
      tools: { generate_image: createGenerateImageTool({ env: worker.env, chatId, ownerId, ai }) },
      stopWhen: isStepCount(3),
    });
    const steps = await result.steps;
    const toolResult = steps[0]?.toolResults[0];
    expect(toolResult?.toolName).toBe("generate_image");
    const output = toolResult?.output as GenerateImageOutput;
    expect(output.prompt).toBe("a-green-teapot");
    expect(await result.text).toContain(output.url);
  });
});
