import { expect, test } from "@playwright/test";
import {
  chat,
  OFFLINE_FOOTER,
  OFFLINE_REPLY_START,
  replyBody,
  sendWithEnter,
  waitForFinishedReply,
  wordCount,
} from "./support/chat-page";

/**
 * The chat in a real browser against the built Worker in workerd, offline
 * mode: replies come from the built-in stand-in, steered by `offline:*`
 * directives in the message text (see lib/ai/offline-binding.ts).
 *
 * Elements are found by role and accessible name only (plus the tool card's
 * status badge, which has a test id). No assertion is about how fast anything
 * is: streams are slowed down only so that there is something to observe.
 */

test.beforeEach(async ({ page }) => {
  await page.goto("/");
});

test("shows the offline notice and a composer labelled Message", async ({ page }) => {
  const { composer, send, log } = chat(page);
  await expect(page.getByRole("complementary", { name: "Offline mode" })).toBeVisible();
  await expect(composer).toBeVisible();
  await expect(composer).toHaveAccessibleName("Message");
  await expect(composer).toBeEditable();
  await expect(log).toBeVisible();
  // Nothing to send yet.
  await expect(send).toBeDisabled();
});

test("Enter sends and the reply streams in over several renders", async ({ page }) => {
  const { composer, userMessages, replies, stop } = chat(page);
  const words = 120;
  await sendWithEnter(page, `Tell me a story offline:words=${words} offline:delay=20`);

  await expect(userMessages).toHaveCount(1);
  await expect(userMessages.first()).toContainText("Tell me a story");
  await expect(composer).toHaveValue("");

  const reply = replies.first();
  await expect(reply).toBeVisible();
  await expect(stop).toBeVisible();

  // Sample the reply's text length until the footer shows it finished; keep
  // each new length seen while it was still streaming.
  const lengths: number[] = [];
  await expect
    .poll(
      async () => {
        const text = await reply.innerText();
        if (text.includes(OFFLINE_FOOTER)) return "finished";
        if (lengths.at(-1) !== text.length) lengths.push(text.length);
        return "streaming";
      },
      { message: "the reply finishes", intervals: [20], timeout: 30_000 },
    )
    .toBe("finished");

  expect(lengths.length, `distinct lengths seen while streaming: ${lengths.join(", ")}`).toBeGreaterThanOrEqual(3);
  for (let i = 1; i < lengths.length; i++) {
    expect(lengths[i], `lengths only grow: ${lengths.join(", ")}`).toBeGreaterThan(lengths[i - 1] ?? 0);
  }

  await waitForFinishedReply(page, reply);
  const body = await replyBody(reply);
  expect(body.startsWith(OFFLINE_REPLY_START), body.slice(0, 120)).toBe(true);
  expect(body).toContain("You said: “Tell me a story”");
  expect(wordCount(body)).toBe(words);
  await expect(reply).toContainText(OFFLINE_FOOTER);
});

test("a long reply that arrives at once keeps the view at its end, and scrolling up stays put", async ({ page }) => {
  const { log, replies } = chat(page);
  // Thousands of words with no delay: the text is drawn over several frames after it has arrived.
  await sendWithEnter(page, "A long one offline:words=3000 offline:format=markdown offline:delay=0");
  const reply = replies.first();
  await waitForFinishedReply(page, reply);
  await expect(reply.getByText(OFFLINE_FOOTER)).toBeInViewport();
  await expect(page.getByRole("button", { name: "↓ Jump to latest" })).toHaveCount(0);

  // The reader scrolls up: a second long reply doesn't pull them back down.
  await sendWithEnter(page, "Another offline:words=3000 offline:format=markdown offline:delay=5");
  const scroller = log.locator("xpath=..");
  await expect(replies).toHaveCount(2);
  await scroller.evaluate((element) => {
    element.scrollTop = 0;
  });
  const jump = page.getByRole("button", { name: "↓ Jump to latest" });
  await expect(jump).toBeVisible();
  await waitForFinishedReply(page, replies.nth(1));
  expect(await scroller.evaluate((element) => element.scrollTop)).toBe(0);
  await jump.click();
  await expect(replies.nth(1).getByText(OFFLINE_FOOTER)).toBeInViewport();
});

test("a markdown reply shows its table, coloured code and formatted math, also after a reload", async ({ page }) => {
  const { replies } = chat(page);
  await sendWithEnter(page, "Explain with examples offline:words=900 offline:format=markdown offline:delay=0");
  const reply = replies.first();
  await waitForFinishedReply(page, reply);
  const check = async () => {
    await expect(reply.getByRole("table").first()).toBeVisible();
    // Highlighted code is split into coloured spans; plain code is one text node.
    await expect(reply.locator("pre code span[style]").first()).toBeAttached();
    // $$e^{i\pi} + 1 = 0$$ as MathML (rendered by KaTeX in a worker), its TeX no longer shown as text.
    const formula = reply.getByRole("math").first();
    await expect(formula).toBeVisible();
    await expect(formula.locator("msup")).toHaveCount(1);
    await expect(reply.getByText("e^{i\\pi} + 1 = 0", { exact: true }).filter({ visible: true })).toHaveCount(0);
  };
  await check();
  // From the server's HTML (the TeX as text), hydrated, then rendered again in the browser.
  await page.reload();
  await check();
});

test("Shift+Enter inserts a newline and does not send", async ({ page }) => {
  const { composer, userMessages, replies, send } = chat(page);
  await composer.fill("first line");
  await composer.press("Shift+Enter");
  // Had the message been sent, the composer would have been cleared.
  await composer.pressSequentially("second line offline:words=5");
  await expect(composer).toHaveValue("first line\nsecond line offline:words=5");
  await expect(userMessages).toHaveCount(0);
  await expect(replies).toHaveCount(0);
  await expect(send).toBeEnabled();

  // Enter then sends the whole message, newline included.
  await composer.press("Enter");
  await expect(userMessages).toHaveCount(1);
  // The bubble's own text (the message's action toolbar sits below it).
  expect(await userMessages.first().locator("div").first().innerText()).toBe("first line\nsecond line offline:words=5");
  await waitForFinishedReply(page, replies.first());
});

test("Stop ends a streaming reply and keeps the partial text", async ({ page }) => {
  const { replies, send, stop } = chat(page);
  const words = 2000;
  await sendWithEnter(page, `Keep going offline:words=${words} offline:delay=30`);

  const reply = replies.first();
  // Wait until a few words past the fixed header are visible.
  await expect(reply).toContainText(OFFLINE_REPLY_START);
  await expect.poll(async () => wordCount(await replyBody(reply)), { intervals: [50] }).toBeGreaterThan(30);

  const beforeStop = await replyBody(reply);
  await stop.click();

  await expect(send).toBeVisible();
  await expect(stop).toBeHidden();

  // The partial text stays...
  const afterStop = await replyBody(reply);
  expect(afterStop.startsWith(beforeStop), "the text shown before Stop is kept").toBe(true);
  expect(wordCount(afterStop)).toBeLessThan(words);

  // ...and stops growing: it is unchanged over several samples about a second apart in all.
  for (let i = 0; i < 4; i++) {
    await page.waitForTimeout(250);
    expect(await replyBody(reply)).toBe(afterStop);
  }
  await expect(replies).toHaveCount(1);

  // The server stopped too: after a reload the saved reply is the partial one, marked as stopped.
  await expect(async () => {
    await page.reload();
    await expect(chat(page).replies.first()).toContainText("Stopped", { timeout: 1_000 });
  }).toPass({ timeout: 15_000 });
  expect(wordCount(await replyBody(chat(page).replies.first()))).toBeLessThan(words / 2);
});

test("a tool call shows its card and the reply uses the result", async ({ page }) => {
  const { replies } = chat(page);
  await sendWithEnter(
    page,
    'What time is it in Tokyo? offline:tool=current_time offline:args={"timeZone":"Asia/Tokyo"}',
  );

  const reply = replies.first();
  const card = reply.getByRole("group").filter({ hasText: "Current time" });
  await expect(card).toBeVisible();
  await expect(card.getByTestId("tool-state")).toHaveText("Done");
  await waitForFinishedReply(page, reply);

  // The text answer, written after the tool ran, quotes the tool's result...
  await expect(reply).toContainText("The current_time tool returned:");
  await expect(reply).toContainText(`"timeZone":"Asia/Tokyo"`);
  const replyText = await reply.innerText();
  const localTime = /"localTime":"([^"]+)"/.exec(replyText)?.[1];
  expect(localTime, `the reply quotes the tool's local time:\n${replyText}`).toBeTruthy();

  // ...and the card, opened, shows the arguments and that same result in words.
  await card.locator("summary").click();
  await expect(card.getByRole("region", { name: "Arguments" })).toContainText('"timeZone": "Asia/Tokyo"');
  await expect(card.getByRole("region", { name: "Result" })).toContainText(`${localTime} (Asia/Tokyo)`);
});

test("an upstream error shows an alert with Retry", async ({ page }) => {
  const { userMessages, send } = chat(page);
  await sendWithEnter(page, "Hello offline:fail=3040");

  // Next.js also renders an (empty) role="alert" route announcer: pick ours by its text.
  const alert = page.getByRole("alert").filter({ hasText: /busy/i });
  await expect(alert).toBeVisible();
  await expect(alert).toContainText("The model is busy right now");
  await expect(alert.getByRole("button", { name: "Retry" })).toBeVisible();
  await expect(alert.getByRole("button", { name: "Dismiss" })).toBeVisible();
  // The user's message stays (the server saved it, so Retry can resend it).
  await expect(userMessages).toHaveCount(1);
  await expect(send).toBeVisible();

  await alert.getByRole("button", { name: "Dismiss" }).click();
  await expect(alert).toBeHidden();
});

test("a reply that breaks off keeps its partial text, says so, and Retry gets a complete one", async ({ page }) => {
  const { replies } = chat(page);
  // The stand-in breaks this message's first stream half-way, like a dropped upstream, then answers normally.
  await sendWithEnter(page, "Flaky question offline:fail=midstream offline:failures=1 offline:words=40");

  const alert = page.getByRole("alert").filter({ hasText: "stopped mid-reply" });
  await expect(alert).toBeVisible();
  await expect(alert).toContainText("The partial reply is kept");
  const partial = wordCount(await replyBody(replies.first()));
  expect(partial).toBeGreaterThan(0);
  expect(partial).toBeLessThan(40);

  await alert.getByRole("button", { name: "Retry" }).click();
  await waitForFinishedReply(page, replies.first());
  await expect(alert).toBeHidden();
  expect(wordCount(await replyBody(replies.first()))).toBe(40);
  await page.reload();
  expect(wordCount(await replyBody(replies.first()))).toBe(40);
});

test("a multi-turn conversation: both messages get replies", async ({ page }) => {
  const { userMessages, replies } = chat(page);

  await sendWithEnter(page, "First question offline:words=30");
  await waitForFinishedReply(page, replies.first());

  await sendWithEnter(page, "Second question offline:words=40");
  await expect(userMessages).toHaveCount(2);
  await expect(replies).toHaveCount(2);
  const second = replies.nth(1);
  await waitForFinishedReply(page, second);

  await expect(userMessages.nth(0)).toContainText("First question");
  await expect(userMessages.nth(1)).toContainText("Second question");
  expect(await replyBody(replies.first())).toContain("You said: “First question”");
  expect(await replyBody(second)).toContain("You said: “Second question”");
  expect(wordCount(await replyBody(replies.first()))).toBe(30);
  expect(wordCount(await replyBody(second))).toBe(40);
});

test("a reply keeps generating and is saved when the browser leaves mid-stream", async ({ page }) => {
  const { replies } = chat(page);
  const words = 600;
  await sendWithEnter(page, `Finish without me offline:words=${words} offline:delay=5`);
  await expect(page).toHaveURL(/\/chat\/[A-Za-z0-9_-]+$/);
  const chatUrl = page.url();
  await expect.poll(async () => wordCount(await replyBody(replies.first())), { intervals: [50] }).toBeGreaterThan(20);

  // Leaving the page drops the streaming response: the Worker sees the browser disconnect.
  await page.goto("about:blank");

  // The server generated the rest and saved it whole, not marked incomplete.
  await expect(async () => {
    await page.goto(chatUrl);
    const reply = chat(page).replies.first();
    await expect(reply).toBeVisible({ timeout: 1_000 });
    expect(wordCount(await replyBody(reply))).toBeGreaterThanOrEqual(words);
  }).toPass({ timeout: 20_000 });
  await expect(chat(page).replies.first()).not.toContainText("Incomplete reply");
});

test("the chat gets its own URL on first send and survives a reload", async ({ page }) => {
  const { replies } = chat(page);
  await sendWithEnter(page, "Remember me offline:words=12");
  await expect(page).toHaveURL(/\/chat\/[A-Za-z0-9_-]+$/);
  await waitForFinishedReply(page, replies.first());
  const replyBefore = await replyBody(replies.first());

  await page.reload();
  await expect(page).toHaveTitle("Remember me · Workers AI Chat");
  const { userMessages, replies: reloaded } = chat(page);
  await expect(userMessages.first()).toContainText("Remember me");
  await expect(reloaded).toHaveCount(1);
  expect(await replyBody(reloaded.first())).toBe(replyBefore);
});

test("another browser can neither see nor continue the chat", async ({ page, browser }) => {
  const { replies } = chat(page);
  await sendWithEnter(page, "Private question offline:words=8");
  await expect(page).toHaveURL(/\/chat\/[A-Za-z0-9_-]+$/);
  await waitForFinishedReply(page, replies.first());
  const chatUrl = page.url();
  const chatId = chatUrl.split("/").pop();

  const stranger = await browser.newContext();
  try {
    const strangerPage = await stranger.newPage();
    const visit = await strangerPage.goto(chatUrl);
    expect(visit?.status()).toBe(404);
    await expect(strangerPage.getByRole("heading", { name: "Chat not found" })).toBeVisible();
    await expect(strangerPage.getByText("Private question")).toHaveCount(0);

    const reply = await stranger.request.post("/api/chat", {
      data: { id: chatId, message: { id: "intruder-1", role: "user", parts: [{ type: "text", text: "hi" }] } },
    });
    expect(reply.status()).toBe(404);
  } finally {
    await stranger.close();
  }
});
