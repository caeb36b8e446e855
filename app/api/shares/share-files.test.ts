import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_CHAT_SETTINGS } from "@/lib/chat/chat-settings";
import { getChat, listMessages } from "@/lib/db/queries";
import { getShare } from "@/lib/db/shares";
import type { ShareSnapshot } from "@/lib/share/share-snapshot";
import { errorOf, freshId, TestBrowser } from "@/lib/testing/test-browser";
import { startWorkerContext, type WorkerTestContext } from "@/lib/testing/worker-context";
import { DELETE as deleteChatRoute } from "../chats/[id]/route";
import { POST as postChatShare } from "../chats/[id]/share/route";
import { GET as getChatFileRoute } from "../files/[...key]/route";
import { POST as forkRoute } from "./[id]/fork/route";
import { GET as sharedImageRoute } from "./[id]/images/[file]/route";
import { DELETE as revokeShare } from "./[id]/route";

/**
 * What a share link serves publicly (its snapshot's images) and "Continue this
 * conversation" (forking a link into a chat of one's own), on local D1 and R2
 * with the offline AI binding.
 */

let worker: WorkerTestContext;
beforeAll(async () => {
  worker = await startWorkerContext();
});
afterAll(async () => {
  await worker.dispose();
});

const FAST = "offline:words=3 offline:delay=0";
const IMAGE_CALL = 'offline:tool=generate_image offline:args={"prompt":"a red lighthouse at dusk"} offline:delay=0';
/** Images run without asking in these chats. */
const IMAGES_ALLOWED = { ...DEFAULT_CHAT_SETTINGS, alwaysAllowTools: ["generate_image" as const] };

const routeContext = (id: string) => ({ params: Promise.resolve({ id }) });

async function shareChat(browser: TestBrowser, chatId: string): Promise<string> {
  const response = await postChatShare(
    browser.jsonRequest(`/api/chats/${chatId}/share`, "POST", {}),
    routeContext(chatId),
  );
  expect(response.status).toBe(200);
  return ((await response.json()) as { share: { id: string } }).share.id;
}

function sharedImage(shareId: string, file: string, browser?: TestBrowser): Promise<Response> {
  const path = `/api/shares/${shareId}/images/${file}`;
  const request = browser ? browser.request(path) : new Request(new URL(path, "http://localhost"));
  return sharedImageRoute(request, { params: Promise.resolve({ id: shareId, file }) });
}

function fork(browser: TestBrowser, shareId: string): Promise<Response> {
  return forkRoute(browser.request(`/api/shares/${shareId}/fork`, { method: "POST" }), routeContext(shareId));
}

async function snapshotOf(shareId: string): Promise<ShareSnapshot> {
  const row = await getShare(worker.env.DB, shareId);
  if (!row) throw new Error(`share ${shareId} is missing`);
  return row.snapshot;
}

/** The urls of every generated image in a list of messages, in order. */
function imageUrls(messages: ShareSnapshot["messages"]): string[] {
  return messages.flatMap((message) =>
    message.parts.flatMap((part) =>
      part.type === "tool-generate_image" && part.state === "output-available" ? [part.output.url] : [],
    ),
  );
}

function textsOf(messages: ShareSnapshot["messages"]): string[] {
  return messages.map((message) =>
    message.parts
      .filter((part) => part.type === "text")
      .map((part) => part.text)
      .join(""),
  );
}

async function keysUnder(prefix: string): Promise<string[]> {
  return (await worker.env.FILES.list({ prefix })).objects.map((object) => object.key);
}

/** A browser with a chat whose reply generated (and stored) one image. */
async function chatWithImage(prefix = "share-img"): Promise<{ browser: TestBrowser; chatId: string; key: string }> {
  const browser = new TestBrowser(worker);
  const chatId = freshId(prefix);
  await browser.chatTurn(chatId, `Draw it ${IMAGE_CALL}`, { settings: IMAGES_ALLOWED });
  const [key] = await keysUnder(`images/${chatId}/`);
  if (!key) throw new Error("the chat made no image");
  return { browser, chatId, key };
}

const fileNameOf = (key: string) => key.slice(key.lastIndexOf("/") + 1);

describe("GET /api/shares/[id]/images/[file]", () => {
  it("serves the snapshot's images to anyone, publicly cacheable", async () => {
    const { browser, chatId, key } = await chatWithImage();
    const shareId = await shareChat(browser, chatId);
    const file = fileNameOf(key);

    const snapshot = await snapshotOf(shareId);
    expect(imageUrls(snapshot.messages)).toEqual([`/api/shares/${shareId}/images/${file}`]);
    expect(snapshot.files).toEqual([{ name: file, key }]);

    const response = await sharedImage(shareId, file);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("image/png");
    expect(response.headers.get("cache-control")).toMatch(/^public\b/);
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    const stored = await worker.env.FILES.get(key);
    const expected = new Uint8Array(await (stored as R2ObjectBody).arrayBuffer());
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(expected);
  });

  it("keeps the chat's internal ids out of the snapshot, image urls included", async () => {
    const { browser, chatId } = await chatWithImage();
    const shareId = await shareChat(browser, chatId);
    const original = await listMessages(worker.env.DB, chatId);
    const toolCallIds = original.flatMap((message) =>
      message.parts.flatMap((part) => ("toolCallId" in part ? [part.toolCallId] : [])),
    );
    expect(toolCallIds).not.toEqual([]);

    // `files` says where each image lives in R2 (under the chat's folder): only the
    // image route reads it, and the page hands only the messages to the browser.
    const { files, ...shown } = await snapshotOf(shareId);
    expect(files.map((file) => file.key)).toEqual([expect.stringMatching(`^images/${chatId}/`)]);
    const json = JSON.stringify(shown);
    for (const secret of [chatId, browser.ownerId, ...original.map((message) => message.id), ...toolCallIds]) {
      expect(json).not.toContain(secret);
    }
    // The offline reply quotes the image's URL in its text: that too points at the share.
    const [, reply] = textsOf(shown.messages);
    expect(reply).toContain(`/api/shares/${shareId}/images/${files[0]?.name}`);
  });

  it("answers 404 for a file the snapshot doesn't show, and for another chat's image", async () => {
    const { browser, chatId } = await chatWithImage();
    const shareId = await shareChat(browser, chatId);
    // Another chat of the same owner, and someone else's chat: neither is in this snapshot.
    const sameOwnerChat = freshId("share-img-other");
    await browser.chatTurn(sameOwnerChat, `Draw it ${IMAGE_CALL}`, { settings: IMAGES_ALLOWED });
    const [sameOwnerKey] = await keysUnder(`images/${sameOwnerChat}/`);
    const stranger = await chatWithImage("share-img-stranger");

    for (const file of [
      "not-in-this-snapshot.png",
      fileNameOf(sameOwnerKey ?? "missing.png"),
      fileNameOf(stranger.key),
    ]) {
      const response = await sharedImage(shareId, file, browser);
      expect(response.status, file).toBe(404);
      expect((await errorOf(response)).code).toBe("not_found");
    }
    // Nor can a path sneak out of the snapshot's folder.
    for (const file of ["..%2Fsecret.png", "../x.png", "x.svg"]) {
      expect((await sharedImage(shareId, file)).status, file).toBe(400);
    }
    // An image made after sharing stays private until the link is updated.
    await browser.chatTurn(chatId, `Again ${IMAGE_CALL}`);
    const later = (await keysUnder(`images/${chatId}/`)).map(fileNameOf);
    expect(later).toHaveLength(2);
    const sharedFiles = (await snapshotOf(shareId)).files.map((shared) => shared.name);
    const newFile = later.find((file) => !sharedFiles.includes(file));
    expect(newFile).toBeDefined();
    expect((await sharedImage(shareId, newFile as string)).status).toBe(404);
    await shareChat(browser, chatId);
    expect((await sharedImage(shareId, newFile as string)).status).toBe(200);
  });

  it("stops serving once the link is revoked or the chat deleted", async () => {
    const revoked = await chatWithImage();
    const revokedShare = await shareChat(revoked.browser, revoked.chatId);
    const response = await revokeShare(
      revoked.browser.request(`/api/shares/${revokedShare}`, { method: "DELETE" }),
      routeContext(revokedShare),
    );
    expect(response.status).toBe(204);
    expect((await sharedImage(revokedShare, fileNameOf(revoked.key))).status).toBe(404);
    // The image itself still belongs to the owner's chat.
    expect(await keysUnder(`images/${revoked.chatId}/`)).toEqual([revoked.key]);

    const deleted = await chatWithImage();
    const deletedShare = await shareChat(deleted.browser, deleted.chatId);
    const deletion = await deleteChatRoute(
      deleted.browser.request(`/api/chats/${deleted.chatId}`, { method: "DELETE" }),
      routeContext(deleted.chatId),
    );
    expect(deletion.status).toBe(204);
    await worker.settled();
    expect((await sharedImage(deletedShare, fileNameOf(deleted.key))).status).toBe(404);
    expect(await keysUnder(`images/${deleted.chatId}/`)).toEqual([]);
  });
});

describe("POST /api/shares/[id]/fork", () => {
  it("copies the snapshot into a new chat owned by a visitor without a cookie", async () => {
    const { browser, chatId, key } = await chatWithImage();
    const shareId = await shareChat(browser, chatId);
    const snapshot = await snapshotOf(shareId);

    const visitor = new TestBrowser(worker);
    const response = await fork(visitor, shareId);
    expect(response.status).toBe(201);
    const setCookie = response.headers.get("set-cookie");
    expect(setCookie).toMatch(/^wac_owner=/);
    visitor.cookie = setCookie?.split(";")[0];
    const body = (await response.json()) as { chatId: string; path: string };
    expect(body.chatId).not.toBe(chatId);
    expect(body.path).toBe(`/chat/${body.chatId}`);

    const forked = await getChat(worker.env.DB, body.chatId);
    expect(forked).toMatchObject({ ownerId: visitor.ownerId, title: snapshot.title, model: snapshot.model });
    expect(visitor.ownerId).not.toBe(browser.ownerId);

    const messages = await listMessages(worker.env.DB, body.chatId);
    expect(messages.map((message) => message.role)).toEqual(snapshot.messages.map((message) => message.role));
    // The same text, except that quoted image URLs now point at the new chat's copy.
    const moved = (text: string) =>
      text.replaceAll(`/api/shares/${shareId}/images/`, `/api/files/images/${body.chatId}/`);
    expect(textsOf(messages)).toEqual(textsOf(snapshot.messages).map(moved));

    // The image now lives in the new chat, so it outlives the link.
    const copied = await keysUnder(`images/${body.chatId}/`);
    expect(copied).toEqual([`images/${body.chatId}/${fileNameOf(key)}`]);
    expect(imageUrls(messages)).toEqual([`/api/files/${copied[0]}`]);
    // URLs quoted in the text follow the image to its new home too.
    expect(textsOf(messages)[1]).toContain(`/api/files/${copied[0]}`);
    expect(JSON.stringify(messages)).not.toContain(`/api/shares/${shareId}`);
    const [, , ...segments] = (copied[0] as string).split("/");
    const image = await getChatFileRoute(visitor.request(`/api/files/${copied[0]}`), {
      params: Promise.resolve({ key: ["images", body.chatId, ...segments] }),
    });
    expect(image.status).toBe(200);
    expect(await keysUnder(`images/${chatId}/`)).toEqual([key]);
  });

  it("keeps the visitor's cookie when they already have one", async () => {
    const { browser, chatId } = await chatWithImage();
    const shareId = await shareChat(browser, chatId);
    const visitor = new TestBrowser(worker);
    await visitor.chatTurn(freshId("visitor-own"), `hello ${FAST}`);

    const response = await fork(visitor, shareId);
    expect(response.status).toBe(201);
    expect(response.headers.get("set-cookie")).toBeNull();
    const { chatId: forkId } = (await response.json()) as { chatId: string };
    expect((await getChat(worker.env.DB, forkId))?.ownerId).toBe(visitor.ownerId);

    // The owner can fork their own link too; each fork is a new chat.
    const own = await fork(browser, shareId);
    expect(own.status).toBe(201);
    const { chatId: ownFork } = (await own.json()) as { chatId: string };
    expect(ownFork).not.toBe(forkId);
    expect((await getChat(worker.env.DB, ownFork))?.ownerId).toBe(browser.ownerId);
  });

  it("lets the new owner go on without changing the original chat or the snapshot", async () => {
    const { browser, chatId } = await chatWithImage();
    const shareId = await shareChat(browser, chatId);
    const snapshotBefore = await snapshotOf(shareId);
    const originalBefore = await listMessages(worker.env.DB, chatId);

    const visitor = new TestBrowser(worker);
    const response = await fork(visitor, shareId);
    visitor.cookie = response.headers.get("set-cookie")?.split(";")[0];
    const { chatId: forkId } = (await response.json()) as { chatId: string };

    await visitor.chatTurn(forkId, `My own follow-up ${FAST}`);
    const forked = await listMessages(worker.env.DB, forkId);
    expect(forked).toHaveLength(originalBefore.length + 2);
    expect(textsOf(forked).at(-2)).toContain("My own follow-up");

    expect(await listMessages(worker.env.DB, chatId)).toEqual(originalBefore);
    expect(await snapshotOf(shareId)).toEqual(snapshotBefore);
    // The original owner can't open the fork.
    expect((await getChat(worker.env.DB, forkId))?.ownerId).not.toBe(browser.ownerId);
  });

  it("answers 404 for a revoked or unknown link, and 400 for something that isn't a link id", async () => {
    const { browser, chatId } = await chatWithImage();
    const shareId = await shareChat(browser, chatId);
    await revokeShare(browser.request(`/api/shares/${shareId}`, { method: "DELETE" }), routeContext(shareId));

    for (const id of [shareId, "AAAAAAAAAAAAAAAAAAAAAAAA"]) {
      const response = await fork(new TestBrowser(worker), id);
      expect(response.status, id).toBe(404);
      expect((await errorOf(response)).code).toBe("not_found");
    }
    expect((await fork(new TestBrowser(worker), "short")).status).toBe(400);
  });
});
