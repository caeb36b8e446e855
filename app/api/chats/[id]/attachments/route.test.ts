import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as postChat } from "@/app/api/chat/route";
import { GET as getChatFile } from "@/app/api/files/[...key]/route";
import { POST as forkRoute } from "@/app/api/shares/[id]/fork/route";
import { GET as sharedImageRoute } from "@/app/api/shares/[id]/images/[file]/route";
import { listMessages } from "@/lib/db/queries";
import { consumeRateLimit } from "@/lib/db/rate-limit";
import { getShare } from "@/lib/db/shares";
import { type StoredAttachment, UPLOAD_RATE_LIMIT } from "@/lib/files/chat-attachments";
import { encodePng } from "@/lib/files/encode-png";
import { recordOfflineCalls } from "@/lib/testing/offline-calls";
import { errorOf, freshId, TestBrowser } from "@/lib/testing/test-browser";
import { readUIChunks } from "@/lib/testing/ui-stream";
import { startWorkerContext, type WorkerTestContext } from "@/lib/testing/worker-context";
import { POST as postChatShare } from "../share/route";
import { POST as upload } from "./route";

/**
 * Image attachments end to end on local D1 and R2 with the offline binding:
 * upload checks, references checked at send, the image reaching a vision
 * model as a file part (seen at the binding), and shares.
 */

let worker: WorkerTestContext;
beforeAll(async () => {
  worker = await startWorkerContext();
});
afterAll(async () => {
  await worker.dispose();
});

const VISION_MODEL = "@cf/meta/llama-4-scout-17b-16e-instruct";
const BLIND_MODEL = "@cf/meta/llama-3.3-70b-instruct-fp8-fast";
const FAST = "offline:words=3 offline:delay=0";
const routeContext = (id: string) => ({ params: Promise.resolve({ id }) });

/** A real 7x5 PNG with a gradient, so its bytes are distinct. */
async function png(width = 7, height = 5): Promise<Uint8Array> {
  const rgb = Uint8Array.from({ length: width * height * 3 }, (_, i) => (i * 29) % 256);
  return encodePng({ width, height, rgb });
}

/** A minimal baseline JPEG header (SOI, SOF0 1024x512, EOI): enough for the type sniffer. */
const JPEG = Uint8Array.from([
  0xff, 0xd8, 0xff, 0xc0, 0x00, 0x11, 0x08, 0x02, 0x00, 0x04, 0x00, 0x03, 0x01, 0x22, 0x00, 0x02, 0x11, 0x01, 0x03,
  0x11, 0x01, 0xff, 0xd9,
]);

/** POST /api/chats/:id/attachments as `browser`, keeping any cookie it mints. */
async function attach(
  browser: TestBrowser,
  chatId: string,
  body: Uint8Array,
  contentType = "image/png",
  name = "photo.png",
): Promise<Response> {
  const response = await upload(
    browser.request(`/api/chats/${chatId}/attachments?name=${encodeURIComponent(name)}`, {
      method: "POST",
      headers: { "content-type": contentType },
      body: body as BodyInit,
    }),
    routeContext(chatId),
  );
  const setCookie = response.headers.get("set-cookie");
  if (setCookie) browser.cookie = setCookie.split(";")[0];
  return response;
}

async function attached(browser: TestBrowser, chatId: string, body: Uint8Array, name?: string) {
  const response = await attach(browser, chatId, body, "image/png", name);
  expect(response.status).toBe(201);
  return ((await response.json()) as { attachment: StoredAttachment }).attachment;
}

/** POST /api/chat with text and file parts. */
function sendWithImages(
  browser: TestBrowser,
  chatId: string,
  text: string,
  files: { url: string; mediaType: string; filename?: string }[],
  model = VISION_MODEL,
): Promise<Response> {
  return postChat(
    browser.jsonRequest("/api/chat", "POST", {
      id: chatId,
      model,
      message: {
        id: freshId("msg"),
        role: "user",
        parts: [...files.map((file) => ({ type: "file", ...file })), { type: "text", text }],
      },
    }),
  );
}

function replyText(chunks: Awaited<ReturnType<typeof readUIChunks>>): string {
  return chunks.map((chunk) => (chunk.type === "text-delta" ? chunk.delta : "")).join("");
}

function fileRequest(url: string, browser?: TestBrowser): Promise<Response> {
  const request = browser ? browser.request(url) : new Request(new URL(url, "http://localhost"));
  const key = url.replace(/^\/api\/files\//, "").split("/");
  return getChatFile(request, { params: Promise.resolve({ key }) });
}

describe("POST /api/chats/:id/attachments", () => {
  it("stores an image in R2 under the chat, by its bytes, and tells only its uploader", async () => {
    const browser = new TestBrowser(worker);
    const chatId = freshId("attach");
    const bytes = await png();
    const attachment = await attached(browser, chatId, bytes, "../../holiday photo.png");
    expect(attachment).toMatchObject({ mediaType: "image/png", filename: "holiday photo.png", width: 7, height: 5 });
    expect(attachment.size).toBe(bytes.length);
    expect(attachment.url).toMatch(new RegExp(`^/api/files/images/${chatId}/[0-9a-f-]+\\.png$`));

    const stored = await worker.env.FILES.get(attachment.url.replace("/api/files/", ""));
    expect(new Uint8Array(await (stored as R2ObjectBody).arrayBuffer())).toEqual(bytes);
    expect(stored?.customMetadata).toMatchObject({ source: "upload", chatId, ownerId: browser.ownerId });

    // Before the chat exists, only the uploader can fetch it; a stranger and no cookie get 404.
    expect((await fileRequest(attachment.url, browser)).status).toBe(200);
    const stranger = new TestBrowser(worker);
    await stranger.chatTurn(freshId("stranger"), `hi ${FAST}`);
    expect((await fileRequest(attachment.url, stranger)).status).toBe(404);
    expect((await fileRequest(attachment.url)).status).toBe(404);
  });

  it("keys the stored type on the bytes: a JPEG declared as PNG is stored as a JPEG", async () => {
    const browser = new TestBrowser(worker);
    const response = await attach(browser, freshId("attach"), JPEG, "image/png", "really.png");
    expect(response.status).toBe(201);
    const { attachment } = (await response.json()) as { attachment: StoredAttachment };
    expect(attachment.mediaType).toBe("image/jpeg");
    expect(attachment.url).toMatch(/\.jpg$/);
  });

  it("refuses other declared types with 415, before reading the body", async () => {
    const browser = new TestBrowser(worker);
    for (const type of ["image/svg+xml", "text/html", "application/pdf", ""]) {
      const response = await attach(browser, freshId("attach"), await png(), type);
      expect(response.status, type).toBe(415);
      expect(await errorOf(response)).toEqual({
        code: "unsupported_media_type",
        message: "Attach a PNG, JPEG, WebP or GIF image.",
      });
    }
  });

  it("refuses bytes that are not the image they claim to be (magic bytes) with 415", async () => {
    const browser = new TestBrowser(worker);
    const html = new TextEncoder().encode("<html><script>alert(1)</script></html>");
    const response = await attach(browser, freshId("attach"), html, "image/png", "evil.png");
    expect(response.status).toBe(415);
    expect(await errorOf(response)).toEqual({
      code: "unsupported_media_type",
      message: "“evil.png” is not a PNG, JPEG, WebP or GIF image (its contents don't match).",
    });
    const truncated = (await png()).subarray(0, 12);
    expect((await attach(browser, freshId("attach"), truncated)).status).toBe(415);
    expect((await attach(browser, freshId("attach"), new Uint8Array(0))).status).toBe(400);
  });

  it("answers an image over 5 MB with 413, whether or not it declares its length", async () => {
    const browser = new TestBrowser(worker);
    const chatId = freshId("attach");
    const big = new Uint8Array(5 * 1024 * 1024 + 1);
    big.set(await png());
    const declared = await attach(browser, chatId, big);
    expect(declared.status).toBe(413);
    expect(await errorOf(declared)).toEqual({ code: "payload_too_large", message: "Images can be at most 5 MB." });

    // Streamed without Content-Length: cut off while reading.
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(big.subarray(0, 3 * 1024 * 1024));
        controller.enqueue(big.subarray(3 * 1024 * 1024));
        controller.close();
      },
    });
    const streamed = await upload(
      browser.request(`/api/chats/${chatId}/attachments?name=big.png`, {
        method: "POST",
        headers: { "content-type": "image/png" },
        body: stream,
        duplex: "half",
      } as RequestInit),
      routeContext(chatId),
    );
    expect(streamed.status).toBe(413);
    expect((await worker.env.FILES.list({ prefix: `images/${chatId}/` })).objects).toEqual([]);
  });

  it("refuses uploads into someone else's chat with 404", async () => {
    const owner = new TestBrowser(worker);
    const chatId = freshId("attach");
    await owner.chatTurn(chatId, `mine ${FAST}`);
    const stranger = new TestBrowser(worker);
    const response = await attach(stranger, chatId, await png());
    expect(response.status).toBe(404);
    expect((await worker.env.FILES.list({ prefix: `images/${chatId}/` })).objects).toEqual([]);
  });

  it("rate limits uploads per person with 429 and Retry-After", async () => {
    const browser = new TestBrowser(worker);
    await browser.chatTurn(freshId("attach"), `hi ${FAST}`);
    for (let i = 0; i < UPLOAD_RATE_LIMIT.limit; i++) {
      await consumeRateLimit(worker.env.DB, `upload:${browser.ownerId}`, UPLOAD_RATE_LIMIT);
    }
    const response = await attach(browser, freshId("attach"), await png());
    expect(response.status).toBe(429);
    expect(Number(response.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await errorOf(response)).code).toBe("rate_limited");
  });
});

describe("sending attached images", () => {
  it("sends the image to a vision model as a file part the binding receives, and stores the message", async () => {
    const browser = new TestBrowser(worker);
    const chatId = freshId("vision");
    const bytes = await png(7, 5);
    const image = await attached(browser, chatId, bytes, "chart.png");
    const log = recordOfflineCalls();
    try {
      const response = await sendWithImages(browser, chatId, `what is this? marker-vision ${FAST}`, [image]);
      expect(response.status).toBe(200);
      const chunks = await readUIChunks(response);
      await worker.settled();

      // At the binding: an OpenAI-style image_url part holding exactly the uploaded bytes.
      const [call] = log.mentioning("marker-vision");
      expect(call?.model).toBe(VISION_MODEL);
      const messages = call?.inputs.messages as { role: string; content: unknown }[];
      const user = messages.findLast((message) => message.role === "user");
      expect(user?.content).toEqual([
        { type: "text", text: `what is this? marker-vision ${FAST}` },
        { type: "image_url", image_url: { url: `data:image/png;base64,${Buffer.from(bytes).toString("base64")}` } },
      ]);
      // The stand-in's reply says what it received.
      expect(replyText(chunks)).toContain(
        `the stand-in received 1 image (image 1: image/png, 7×5 pixels, ${bytes.length} bytes)`,
      );
    } finally {
      log.stop();
    }

    const [stored] = await listMessages(worker.env.DB, chatId);
    expect(stored?.parts).toEqual([
      { type: "file", mediaType: "image/png", url: image.url, filename: "chart.png" },
      { type: "text", text: `what is this? marker-vision ${FAST}` },
    ]);
  });

  it("answers a message with only an image, titled after the image", async () => {
    const browser = new TestBrowser(worker);
    const chatId = freshId("vision");
    const image = await attached(browser, chatId, await png(), "receipt.png");
    const response = await sendWithImages(browser, chatId, "", [image]);
    expect(response.status).toBe(200);
    await readUIChunks(response);
    await worker.settled();
    expect((await listMessages(worker.env.DB, chatId)).map((message) => message.role)).toEqual(["user", "assistant"]);
  });

  it("refuses images for a model without vision with a clear 400, saving nothing", async () => {
    const browser = new TestBrowser(worker);
    const chatId = freshId("blind");
    const image = await attached(browser, chatId, await png());
    const log = recordOfflineCalls();
    try {
      const response = await sendWithImages(browser, chatId, `look marker-blind ${FAST}`, [image], BLIND_MODEL);
      expect(response.status).toBe(400);
      expect(await errorOf(response)).toEqual({
        code: "model_cannot_see_images",
        message:
          "Llama 3.3 70B Instruct (fast) can't read images. Switch to a model with vision, such as Llama 4 Scout 17B, or remove the images.",
      });
      expect(log.mentioning("marker-blind")).toEqual([]);
    } finally {
      log.stop();
    }
    expect(await listMessages(worker.env.DB, chatId)).toEqual([]);
  });

  it("refuses forged and foreign references with 400 and runs nothing", async () => {
    const victim = new TestBrowser(worker);
    const victimChat = freshId("victim");
    const victimImage = await attached(victim, victimChat, await png());
    const attacker = new TestBrowser(worker);
    const attackerChat = freshId("attacker");
    await attached(attacker, attackerChat, await png());

    const generatedKey = `images/${attackerChat}/generated.png`;
    await worker.env.FILES.put(generatedKey, await png(), { customMetadata: { source: "generated" } });

    const forged = [
      // Someone else's upload, under their chat id.
      { url: victimImage.url, mediaType: "image/png" },
      // Someone else's upload, renamed into my chat.
      { url: victimImage.url.replace(victimChat, attackerChat), mediaType: "image/png" },
      // A file that was never uploaded.
      { url: `/api/files/images/${attackerChat}/nope.png`, mediaType: "image/png" },
      // A stored file that was not attached by a person.
      { url: `/api/files/${generatedKey}`, mediaType: "image/png" },
    ];
    const log = recordOfflineCalls();
    try {
      for (const file of forged) {
        const response = await sendWithImages(attacker, attackerChat, `steal marker-forged ${FAST}`, [file]);
        expect(response.status, file.url).toBe(400);
        expect((await errorOf(response)).code).toBe("invalid_attachment");
      }
      // URLs outside our file route are refused by the schema.
      for (const url of ["https://example.com/a.png", "data:image/png;base64,AAAA", "/api/files/other/x/a.png"]) {
        const response = await sendWithImages(attacker, attackerChat, "x", [{ url, mediaType: "image/png" }]);
        expect(response.status, url).toBe(400);
        expect((await errorOf(response)).code).toBe("invalid_request");
      }
      expect(log.mentioning("marker-forged")).toEqual([]);
    } finally {
      log.stop();
    }
    expect(await listMessages(worker.env.DB, attackerChat)).toEqual([]);
  });

  it("refuses more than 4 images in one message", async () => {
    const browser = new TestBrowser(worker);
    const chatId = freshId("many");
    const image = await attached(browser, chatId, await png());
    const response = await sendWithImages(browser, chatId, "five", Array(5).fill(image));
    expect(response.status).toBe(400);
    expect((await errorOf(response)).message).toBe("message.parts: A message can have at most 4 images.");
  });

  it("tells a model without vision, in text, about images earlier in the chat", async () => {
    const browser = new TestBrowser(worker);
    const chatId = freshId("switch");
    const image = await attached(browser, chatId, await png(), "map.png");
    await readUIChunks(await sendWithImages(browser, chatId, `first ${FAST}`, [image]));
    await worker.settled();
    const log = recordOfflineCalls();
    try {
      await browser.chatTurn(chatId, `second marker-switch ${FAST}`, { model: BLIND_MODEL });
      const [call] = log.mentioning("marker-switch");
      const first = (call?.inputs.messages as { role: string; content: unknown }[]).find(
        (message) => message.role === "user",
      );
      expect(first?.content).toBe(`[Image “map.png”: not shown, this model cannot see images]\nfirst ${FAST}`);
    } finally {
      log.stop();
    }
  });
});

describe("attached images in shares", () => {
  it("are served by the share to anyone, survive a fork, and are not readable through /api/files by others", async () => {
    const owner = new TestBrowser(worker);
    const chatId = freshId("share-attach");
    const bytes = await png(9, 4);
    const image = await attached(owner, chatId, bytes, "diagram.png");
    await readUIChunks(await sendWithImages(owner, chatId, `explain ${FAST}`, [image]));
    await worker.settled();

    const shared = await postChatShare(
      owner.jsonRequest(`/api/chats/${chatId}/share`, "POST", {}),
      routeContext(chatId),
    );
    expect(shared.status).toBe(200);
    const shareId = ((await shared.json()) as { share: { id: string } }).share.id;
    const snapshot = (await getShare(worker.env.DB, shareId))?.snapshot;
    const name = image.url.split("/").at(-1) ?? "";
    const sharedUrl = `/api/shares/${shareId}/images/${name}`;
    expect(snapshot?.messages[0]?.parts[0]).toEqual({
      type: "file",
      mediaType: "image/png",
      url: sharedUrl,
      filename: "diagram.png",
    });
    expect(JSON.stringify(snapshot?.messages)).not.toContain(chatId);

    // A cookie-less visitor gets the bytes through the share's route, not through /api/files.
    const served = await sharedImageRoute(new Request(new URL(sharedUrl, "http://localhost")), {
      params: Promise.resolve({ id: shareId, file: name }),
    });
    expect(served.status).toBe(200);
    expect(new Uint8Array(await served.arrayBuffer())).toEqual(bytes);
    expect((await fileRequest(image.url)).status).toBe(404);

    // Forking copies the image into the visitor's own chat.
    const visitor = new TestBrowser(worker);
    await visitor.chatTurn(freshId("visitor"), `hi ${FAST}`);
    const forked = await forkRoute(
      visitor.request(`/api/shares/${shareId}/fork`, { method: "POST" }),
      routeContext(shareId),
    );
    expect(forked.status).toBe(201);
    const { chatId: forkId } = (await forked.json()) as { chatId: string };
    const [first] = await listMessages(worker.env.DB, forkId);
    const part = first?.parts[0];
    expect(part).toMatchObject({ type: "file", mediaType: "image/png", url: `/api/files/images/${forkId}/${name}` });
    const copy = await fileRequest(`/api/files/images/${forkId}/${name}`, visitor);
    expect(copy.status).toBe(200);
    expect(new Uint8Array(await copy.arrayBuffer())).toEqual(bytes);
  });
});
