import { expect, type Page, test } from "@playwright/test";
import { chat, sendWithEnter, waitForFinishedReply } from "./support/chat-page";

/**
 * Share links in Chromium against the built Worker: a snapshot anyone can open
 * without a cookie, updated only on request, revocable, safe to render, with
 * link-preview tags in the server HTML, and forkable into a chat of one's own.
 */

async function startChat(page: Page, text: string) {
  await page.goto("/");
  await sendWithEnter(page, text);
  await waitForFinishedReply(page, chat(page).replies.first());
}

/** Opens Share, creates (or updates) the link and returns its URL. */
async function shareLink(page: Page, action: "Create link" | "Update link" = "Create link"): Promise<string> {
  await page.getByRole("button", { name: "Share", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: "Share this chat" });
  await expect(dialog).toContainText("Anyone with the link can read a snapshot");
  await dialog.getByRole("button", { name: action }).click();
  const link = dialog.getByRole("textbox", { name: "Share link" });
  await expect(link).toHaveValue(/\/share\/[A-Za-z0-9_-]{24}$/);
  await expect(dialog.getByRole("status")).toContainText(action === "Create link" ? "Link created" : "Link updated");
  const url = await link.inputValue();
  await dialog.getByRole("button", { name: "Close" }).click();
  return url;
}

test("a stranger opens the snapshot; later messages appear only after Update link; revoked links 404", async ({
  page,
  browser,
}) => {
  await startChat(page, "First question about tides offline:words=6");
  const url = await shareLink(page);

  await sendWithEnter(page, "A later private question offline:words=6");
  await waitForFinishedReply(page, chat(page).replies.nth(1));

  const stranger = await browser.newContext();
  try {
    const visitor = await stranger.newPage();
    const response = await visitor.goto(url);
    expect(response?.status()).toBe(200);
    expect(await stranger.cookies()).toEqual([]);
    await expect(visitor.getByRole("heading", { level: 1 })).toHaveText("First question about tides");
    const log = visitor.getByRole("log", { name: "Messages" });
    await expect(log.getByRole("article", { name: "Your message" })).toHaveCount(1);
    await expect(log).not.toContainText("later private question");
    // Nothing to act on in a snapshot.
    await expect(visitor.getByRole("textbox", { name: "Message" })).toHaveCount(0);

    const updated = await shareLink(page, "Update link");
    expect(updated).toBe(url);
    await visitor.reload();
    await expect(log.getByRole("article", { name: "Your message" })).toHaveCount(2);
    await expect(log).toContainText("A later private question");

    await page.getByRole("button", { name: "Share", exact: true }).click();
    const dialog = page.getByRole("dialog", { name: "Share this chat" });
    await dialog.getByRole("button", { name: "Revoke link" }).click();
    await expect(dialog.getByRole("status")).toContainText("revoked");
    const gone = await visitor.goto(url);
    expect(gone?.status()).toBe(404);
    await expect(visitor.getByRole("heading", { name: "Shared chat not found" })).toBeVisible();
  } finally {
    await stranger.close();
  }
});

test("an HTML payload in a shared message is shown as text and never runs", async ({ page, browser }) => {
  const payload = `<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script><b>bold?</b>`;
  await startChat(page, `${payload} offline:words=4`);
  const url = await shareLink(page);

  const stranger = await browser.newContext();
  try {
    const visitor = await stranger.newPage();
    let dialogs = 0;
    visitor.on("dialog", (dialog) => {
      dialogs += 1;
      void dialog.dismiss();
    });
    await visitor.goto(url);
    const question = visitor.getByRole("article", { name: "Your message" });
    await expect(question).toContainText('<img src=x onerror="window.__pwned=1">');
    await expect(question).toContainText("<script>window.__pwned=2</script>");
    await expect(question.locator("img, script, b")).toHaveCount(0);
    expect(await visitor.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(dialogs).toBe(0);
  } finally {
    await stranger.close();
  }
});

test("link-preview tags and noindex are in the server HTML, with a preview image", async ({ page, request }) => {
  await startChat(page, "How do volcanoes form? offline:words=12");
  const url = await shareLink(page);

  const html = await (await request.get(url)).text();
  expect(html).toMatch(/<meta property="og:title" content="How do volcanoes form\?"/);
  expect(html).toMatch(/<meta property="og:description" content="How do volcanoes form\? — /);
  expect(html).toMatch(/<meta name="twitter:card" content="summary_large_image"/);
  expect(html).toMatch(/<meta name="robots" content="noindex, nofollow"/);
  const image = /<meta property="og:image" content="([^"]+)"/.exec(html)?.[1];
  expect(image).toMatch(/^http:\/\/[^/]+\/share\/[A-Za-z0-9_-]{24}\/preview-image\?v=\d+$/);

  const png = await request.get(image ?? "");
  expect(png.status()).toBe(200);
  expect(png.headers()["content-type"]).toBe("image/png");
  expect((await png.body()).subarray(1, 4).toString()).toBe("PNG");
});

test("share pages revalidate with an ETag and change when the link is updated", async ({ page, request }) => {
  await startChat(page, "Cache me offline:words=4");
  const url = await shareLink(page);

  const first = await request.get(url);
  const etag = first.headers().etag;
  expect(etag).toMatch(/^"share-/);
  expect(first.headers()["cache-control"]).toContain("must-revalidate");
  const again = await request.get(url, { headers: { "if-none-match": etag ?? "" } });
  expect(again.status()).toBe(304);

  await shareLink(page, "Update link");
  const after = await request.get(url, { headers: { "if-none-match": etag ?? "" } });
  expect(after.status()).toBe(200);
  expect(after.headers().etag).not.toBe(etag);
});

test("a visitor continues the conversation in an independent chat of their own", async ({ page, browser }) => {
  await startChat(page, "Original thread offline:words=5");
  const url = await shareLink(page);

  const stranger = await browser.newContext();
  try {
    const visitor = await stranger.newPage();
    await visitor.goto(url);
    await visitor.getByRole("button", { name: "Continue this conversation" }).click();
    await expect(visitor).toHaveURL(/\/chat\/[A-Za-z0-9_-]+$/);
    const forkUrl = visitor.url();
    await expect(chat(visitor).userMessages.first()).toContainText("Original thread");
    await sendWithEnter(visitor, "A reply only in the fork offline:words=4");
    await waitForFinishedReply(visitor, chat(visitor).replies.nth(1));

    // The owner's chat and the snapshot are untouched...
    await page.reload();
    await expect(chat(page).userMessages).toHaveCount(1);
    await visitor.goto(url);
    await expect(visitor.getByRole("log", { name: "Messages" })).not.toContainText("only in the fork");
    // ...and the fork is private to the visitor.
    const owner = await page.goto(forkUrl);
    expect(owner?.status()).toBe(404);
  } finally {
    await stranger.close();
  }
});

test("a shared generated image is shown to visitors, served from the share", async ({ page, browser }) => {
  const prompt = "a blue kite over dunes";
  await page.goto("/");
  await sendWithEnter(page, `Draw offline:tool=generate_image offline:args=${JSON.stringify({ prompt })}`);
  const reply = chat(page).replies.first();
  await reply.getByRole("button", { name: "Approve" }).click();
  await waitForFinishedReply(page, reply);
  const url = await shareLink(page);

  const stranger = await browser.newContext();
  try {
    const visitor = await stranger.newPage();
    await visitor.goto(url);
    const image = visitor.getByRole("img", { name: `Generated image: ${prompt}` });
    await expect(image).toBeVisible();
    expect(await image.getAttribute("src")).toMatch(/^\/api\/shares\/[A-Za-z0-9_-]{24}\/images\//);
    await expect.poll(() => image.evaluate((element: HTMLImageElement) => element.naturalWidth)).toBeGreaterThan(0);
  } finally {
    await stranger.close();
  }
});

test("shared replies arrive as server-rendered HTML: markdown, math, code and safe links", async ({
  page,
  browser,
}) => {
  await startChat(page, "Show markdown offline:words=400 offline:format=markdown");
  const url = await shareLink(page);

  // No JavaScript at all: everything below must come from the server's HTML.
  const stranger = await browser.newContext({ javaScriptEnabled: false });
  try {
    const visitor = await stranger.newPage();
    await visitor.goto(url);
    const reply = visitor.getByRole("article", { name: "Assistant message" });
    await expect(reply.getByRole("heading", { name: "Part 1" })).toBeVisible();
    await expect(reply.getByRole("table")).toBeVisible();
    await expect(reply.locator("pre code[data-language=ts]")).toContainText("export function add(a: number");
    await expect(reply.getByRole("button", { name: "Copy code" }).first()).toBeVisible();
    await expect(reply.locator("math").first()).toBeAttached();
    await expect(reply).not.toContainText("$$");
    const link = reply.getByRole("link", { name: "link" }).first();
    await expect(link).toHaveAttribute("href", "https://example.com/docs");
    await expect(link).toHaveAttribute("rel", "noopener noreferrer");
  } finally {
    await stranger.close();
  }
});

test("code blocks get colours in the chat and on the shared page (highlighted in a Web Worker)", async ({
  page,
  browser,
}) => {
  await startChat(page, "Colour my code offline:words=200 offline:format=markdown");
  const coloured = (scope: Page) => scope.locator('pre code[data-language=ts] span[style*="--shiki-light"]').first();
  await expect(coloured(page)).toBeVisible();
  const url = await shareLink(page);

  const stranger = await browser.newContext();
  try {
    const visitor = await stranger.newPage();
    await visitor.goto(url);
    await expect(coloured(visitor)).toBeVisible();
  } finally {
    await stranger.close();
  }
});
