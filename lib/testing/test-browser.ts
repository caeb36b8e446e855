import type { UIMessageChunk } from "ai";
import { POST as postChat } from "@/app/api/chat/route";
import type { ChatSettings } from "@/lib/chat/chat-settings";
import { readUIChunks } from "./ui-stream";
import type { WorkerTestContext } from "./worker-context";

let counter = 0;
/** An id no other test has used, within the allowed id characters. */
export function freshId(prefix: string): string {
  counter += 1;
  return `${prefix}-${Date.now().toString(36)}-${counter}`;
}

/**
 * One browser in route tests: keeps the owner cookie POST /api/chat hands out
 * and sends it on every later request, like a real browser would.
 */
export class TestBrowser {
  cookie: string | undefined;

  constructor(private readonly worker: WorkerTestContext) {}

  /** The owner id inside the signed cookie (the part before the signature). */
  get ownerId(): string {
    const value = this.cookie?.replace(/^wac_owner=/, "") ?? "";
    const ownerId = value.slice(0, value.lastIndexOf("."));
    if (!ownerId) throw new Error("This browser has no owner cookie yet; send a chat turn first.");
    return ownerId;
  }

  /** A request to `path` carrying this browser's cookie. */
  request(path: string, init: RequestInit = {}): Request {
    const headers = new Headers(init.headers);
    if (this.cookie) headers.set("cookie", this.cookie);
    return new Request(new URL(path, "http://localhost"), { ...init, headers });
  }

  /** A JSON request to `path` carrying this browser's cookie. */
  jsonRequest(path: string, method: string, body: unknown): Request {
    return this.request(path, {
      method,
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
  }

  /**
   * Sends one chat turn to POST /api/chat (keeping any cookie it mints), reads the
   * whole reply stream and waits until the reply is saved.
   */
  async chatTurn(
    chatId: string,
    text: string,
    options: { model?: string; settings?: ChatSettings } = {},
  ): Promise<UIMessageChunk[]> {
    const response = await postChat(
      this.jsonRequest("/api/chat", "POST", {
        id: chatId,
        message: { id: freshId("msg"), role: "user", parts: [{ type: "text", text }] },
        ...options,
      }),
    );
    const setCookie = response.headers.get("set-cookie");
    if (setCookie) this.cookie = setCookie.split(";")[0];
    if (response.status !== 200) throw new Error(`chat turn failed: ${response.status} ${await response.text()}`);
    const chunks = await readUIChunks(response);
    await this.worker.settled();
    return chunks;
  }
}

/** The JSON error body of a response, checking it is JSON. */
export async function errorOf(response: Response): Promise<{ code: string; message: string }> {
  if (!response.headers.get("content-type")?.includes("application/json")) {
    throw new Error(`expected a JSON error, got ${response.headers.get("content-type")}`);
  }
  return ((await response.json()) as { error: { code: string; message: string } }).error;
}
