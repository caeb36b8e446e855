import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_MODEL_ID } from "@/lib/ai/catalog";
import type { OfflineRunCall } from "@/lib/ai/offline-binding";
import { CHAT_INSTRUCTIONS } from "@/lib/ai/prompts";
import { type ChatSettings, DEFAULT_CHAT_SETTINGS } from "@/lib/chat/chat-settings";
import { loadOwnedChat } from "@/lib/chat/load-owned-chat";
import { getChat, listMessages } from "@/lib/db/queries";
import { type OfflineCallLog, recordOfflineCalls } from "@/lib/testing/offline-calls";
import { errorOf, freshId, TestBrowser } from "@/lib/testing/test-browser";
import { textOf } from "@/lib/testing/ui-stream";
import { startWorkerContext, type WorkerTestContext } from "@/lib/testing/worker-context";
import { POST } from "./route";

let worker: WorkerTestContext;
let offline: OfflineCallLog;
beforeAll(async () => {
  worker = await startWorkerContext();
  offline = recordOfflineCalls();
});
afterAll(async () => {
  offline.stop();
  await worker.dispose();
});

const FAST = "offline:words=3 offline:delay=0";
const DEEPSEEK = "@cf/deepseek-ai/deepseek-r1-distill-qwen-32b";
const GPT_OSS = "@cf/openai/gpt-oss-20b";

/** The one call the provider made to the binding for the message containing `marker`. */
function callFor(marker: string): OfflineRunCall {
  const calls = offline.mentioning(marker);
  expect(calls, `calls mentioning ${marker}`).toHaveLength(1);
  return calls[0] as OfflineRunCall;
}

/** The system message the provider sent: where streamText's instructions end up. */
function systemText(call: OfflineRunCall): string {
  const messages = call.inputs.messages as { role: string; content: unknown }[];
  return messages
    .filter((message) => message.role === "system")
    .map((message) => String(message.content))
    .join("\n");
}

function toolNames(call: OfflineRunCall): string[] {
  const tools = (call.inputs.tools ?? []) as { function?: { name?: string } }[];
  return tools.map((tool) => tool.function?.name ?? "");
}

describe("choosing a model for a turn", () => {
  it("rejects an unknown model with a 400 that points at /api/models, and saves nothing", async () => {
    const browser = new TestBrowser(worker);
    const chatId = freshId("unknown-model");
    const response = await POST(
      browser.jsonRequest("/api/chat", "POST", {
        id: chatId,
        model: "@cf/nobody/nothing",
        message: { id: freshId("msg"), role: "user", parts: [{ type: "text", text: "hello" }] },
      }),
    );
    expect(response.status).toBe(400);
    expect(await errorOf(response)).toMatchObject({
      code: "unknown_model",
      message: expect.stringContaining("GET /api/models"),
    });
    await worker.settled();
    expect(await getChat(worker.env.DB, chatId)).toBeNull();
    expect(await listMessages(worker.env.DB, chatId)).toEqual([]);
  });

  it("stores the chosen model with the chat and uses it on later turns", async () => {
    const browser = new TestBrowser(worker);
    const chatId = freshId("chosen");
    await browser.chatTurn(chatId, `pick-one ${FAST}`, { model: GPT_OSS });
    expect((await getChat(worker.env.DB, chatId))?.model).toBe(GPT_OSS);
    expect(callFor("pick-one").model).toBe(GPT_OSS);

    // No model sent: the chat's own.
    await browser.chatTurn(chatId, `stay-put ${FAST}`);
    expect(callFor("stay-put").model).toBe(GPT_OSS);

    // Switching models mid-chat sticks too.
    await browser.chatTurn(chatId, `switch-over ${FAST}`, { model: DEEPSEEK });
    expect(callFor("switch-over").model).toBe(DEEPSEEK);
    expect((await getChat(worker.env.DB, chatId))?.model).toBe(DEEPSEEK);
  });

  it("offers tools only to models with function calling", async () => {
    const browser = new TestBrowser(worker);
    await browser.chatTurn(freshId("tools"), `with-tools ${FAST}`);
    const withTools = callFor("with-tools");
    expect(withTools.model).toBe(DEFAULT_MODEL_ID);
    expect(toolNames(withTools)).toContain("current_time");

    await browser.chatTurn(freshId("tools"), `without-tools ${FAST}`, { model: DEEPSEEK });
    const without = callFor("without-tools");
    expect(without.model).toBe(DEEPSEEK);
    expect(without.inputs).not.toHaveProperty("tools");
    expect(without.inputs).not.toHaveProperty("tool_choice");
  });

  it("tells the person when a model without tools is asked to call one", async () => {
    const browser = new TestBrowser(worker);
    const chunks = await browser.chatTurn(
      freshId("tools"),
      `no-tool-here offline:tool=current_time offline:args={"timeZone":"UTC"} offline:delay=0`,
      { model: DEEPSEEK },
    );
    expect(chunks.some((chunk) => chunk.type.startsWith("tool-"))).toBe(false);
    expect(textOf(chunks)).toContain("No tools were offered");
  });
});

describe("per-chat settings", () => {
  const custom: ChatSettings = {
    systemPrompt: "Always answer like a pirate-captain-xyzzy.",
    temperature: 0.3,
    maxOutputTokens: 300,
    reasoningEffort: "high",
    alwaysAllowTools: [],
  };

  it("sends the defaults when a chat has no settings: our instructions, 2048 tokens, the model's temperature", async () => {
    const browser = new TestBrowser(worker);
    const chatId = freshId("defaults");
    await browser.chatTurn(chatId, `plain-defaults ${FAST}`);
    const call = callFor("plain-defaults");
    expect(systemText(call)).toBe(CHAT_INSTRUCTIONS);
    expect(call.inputs.max_tokens).toBe(DEFAULT_CHAT_SETTINGS.maxOutputTokens);
    expect(call.inputs).not.toHaveProperty("temperature");
    expect(call.inputs).not.toHaveProperty("reasoning_effort");
    expect((await getChat(worker.env.DB, chatId))?.settings).toBeNull();
    expect((await loadOwnedChat(worker.env.DB, chatId, browser.ownerId))?.settings).toEqual(DEFAULT_CHAT_SETTINGS);
  });

  it("stores settings sent with the first turn, uses them for it and for the turns after", async () => {
    const browser = new TestBrowser(worker);
    const chatId = freshId("settings");
    await browser.chatTurn(chatId, `first-with-settings ${FAST}`, { settings: custom });

    expect((await getChat(worker.env.DB, chatId))?.settings).toEqual(custom);
    expect((await loadOwnedChat(worker.env.DB, chatId, browser.ownerId))?.settings).toEqual(custom);

    for (const marker of ["first-with-settings", "later-without-settings"]) {
      if (marker !== "first-with-settings") await browser.chatTurn(chatId, `${marker} ${FAST}`);
      const call = callFor(marker);
      const system = systemText(call);
      expect(system.startsWith(CHAT_INSTRUCTIONS)).toBe(true);
      expect(system).toContain(custom.systemPrompt);
      expect(call.inputs.temperature).toBe(0.3);
      expect(call.inputs.max_tokens).toBe(300);
      // Llama takes no reasoning effort, so none is sent even though the chat has one.
      expect(call.inputs).not.toHaveProperty("reasoning_effort");
    }
  });

  it("replaces a chat's settings when a later turn sends new ones", async () => {
    const browser = new TestBrowser(worker);
    const chatId = freshId("settings");
    await browser.chatTurn(chatId, `before-change ${FAST}`, { settings: custom });
    const changed: ChatSettings = { ...DEFAULT_CHAT_SETTINGS, temperature: 1.5, maxOutputTokens: 64 };
    await browser.chatTurn(chatId, `after-change ${FAST}`, { settings: changed });

    const call = callFor("after-change");
    expect(systemText(call)).toBe(CHAT_INSTRUCTIONS);
    expect(call.inputs).toMatchObject({ temperature: 1.5, max_tokens: 64 });
    expect((await getChat(worker.env.DB, chatId))?.settings).toEqual(changed);
  });

  it("sends reasoning_effort to gpt-oss but not to llama", async () => {
    const browser = new TestBrowser(worker);
    const settings: ChatSettings = { ...DEFAULT_CHAT_SETTINGS, reasoningEffort: "low" };
    await browser.chatTurn(freshId("effort"), `effort-gpt ${FAST}`, { model: GPT_OSS, settings });
    await browser.chatTurn(freshId("effort"), `effort-llama ${FAST}`, { model: DEFAULT_MODEL_ID, settings });

    expect(callFor("effort-gpt").inputs.reasoning_effort).toBe("low");
    expect(callFor("effort-llama").inputs).not.toHaveProperty("reasoning_effort");
  });

  it("rejects out-of-range settings with a 400 and saves nothing", async () => {
    const browser = new TestBrowser(worker);
    const bad: Record<string, unknown>[] = [
      { ...DEFAULT_CHAT_SETTINGS, temperature: 3 },
      { ...DEFAULT_CHAT_SETTINGS, maxOutputTokens: 10 },
      { ...DEFAULT_CHAT_SETTINGS, systemPrompt: "x".repeat(4001) },
      { ...DEFAULT_CHAT_SETTINGS, reasoningEffort: "extreme" },
      { systemPrompt: "missing the rest" },
    ];
    for (const settings of bad) {
      const chatId = freshId("bad-settings");
      const response = await POST(
        browser.jsonRequest("/api/chat", "POST", {
          id: chatId,
          settings,
          message: { id: freshId("msg"), role: "user", parts: [{ type: "text", text: "hello" }] },
        }),
      );
      expect(response.status, JSON.stringify(settings).slice(0, 80)).toBe(400);
      expect(await errorOf(response)).toMatchObject({
        code: "invalid_request",
        message: expect.stringContaining("settings."),
      });
      expect(await getChat(worker.env.DB, chatId)).toBeNull();
    }
  });
});
