import AxeBuilder from "@axe-core/playwright";
import { expect, type Page, test } from "@playwright/test";
import { chat, replyBody, sendWithEnter, waitForFinishedReply } from "./support/chat-page";

/** Message actions, versions, export, keyboard use, phone layout and an accessibility scan. */

test.beforeEach(async ({ page }) => {
  await page.goto("/");
});

async function firstTurn(page: Page, text: string) {
  await sendWithEnter(page, text);
  await waitForFinishedReply(page, chat(page).replies.first());
}

test("regenerate keeps the earlier reply reachable as version 1 of 2", async ({ page }) => {
  await firstTurn(page, "Tell me a fact offline:words=5");
  const { replies } = chat(page);
  const firstReply = await replyBody(replies.first());

  await replies.first().getByRole("button", { name: "Regenerate" }).click();
  await waitForFinishedReply(page, replies.first());
  const toolbar = replies.first().getByRole("toolbar");
  await expect(toolbar.getByLabel("Version 2 of 2")).toBeVisible();

  await toolbar.getByRole("button", { name: "Previous version" }).click();
  await expect(replies.first().getByLabel("Version 1 of 2")).toBeVisible();
  expect(await replyBody(replies.first())).toBe(firstReply);
  await expect(page.getByRole("status").filter({ hasText: "earlier version" })).toBeVisible();
  await page.getByRole("button", { name: "Back to the latest" }).click();
  await expect(replies.first().getByLabel("Version 2 of 2")).toBeVisible();

  // The versions are stored: they survive a reload.
  await page.reload();
  await expect(chat(page).replies.first().getByLabel("Version 2 of 2")).toBeVisible();
});

test("editing a message resends it and keeps the old branch as a version", async ({ page }) => {
  await firstTurn(page, "Original wording offline:words=4");
  const { userMessages, replies } = chat(page);
  await userMessages.first().getByRole("button", { name: "Edit" }).click();
  const editor = page.getByRole("textbox", { name: "Edit message" });
  await expect(editor).toBeFocused();
  await editor.fill("Better wording offline:words=4");
  await page.getByRole("button", { name: "Save and send" }).click();
  await waitForFinishedReply(page, replies.first());

  await expect(userMessages).toHaveCount(1);
  await expect(userMessages.first()).toContainText("Better wording");
  await expect(userMessages.first().getByLabel("Version 2 of 2")).toBeVisible();
  await userMessages.first().getByRole("button", { name: "Previous version" }).click();
  await expect(userMessages.first()).toContainText("Original wording");

  await page.reload();
  await expect(chat(page).userMessages.first()).toContainText("Better wording");
  await expect(chat(page).userMessages.first().getByLabel("Version 2 of 2")).toBeVisible();
});

test("copy puts the reply's text on the clipboard", async ({ page, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await firstTurn(page, "Copy this offline:words=6");
  const reply = chat(page).replies.first();
  const text = await replyBody(reply);
  await reply.getByRole("button", { name: "Copy" }).click();
  await expect(reply.getByRole("button", { name: "Copied" })).toBeVisible();
  const clipboard = await page.evaluate(() => navigator.clipboard.readText());
  expect(text.startsWith(clipboard.split("\n")[0]?.slice(0, 20) ?? "")).toBe(true);
  expect(clipboard).toContain("Offline mode");
});

test("a chat exports as Markdown and as JSON", async ({ page }) => {
  await firstTurn(page, "Export me offline:words=5");
  await page.getByRole("button", { name: "More" }).click();
  const [markdown] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Export as Markdown" }).click(),
  ]);
  expect(markdown.suggestedFilename()).toBe("export-me.md");
  const text = await (await markdown.createReadStream()).toArray();
  const body = Buffer.concat(text).toString();
  expect(body).toContain("# Export me");
  expect(body).toContain("## You");
  expect(body).toContain("## Assistant");

  await page.getByRole("button", { name: "More" }).click();
  const [json] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Export as JSON" }).click(),
  ]);
  const parsed = JSON.parse(Buffer.concat(await (await json.createReadStream()).toArray()).toString());
  expect(parsed.messages.map((message: { role: string }) => message.role)).toEqual(["user", "assistant"]);
});

test("keyboard only: focus the composer, send, stop, and the shortcut list", async ({ page }) => {
  await page.locator("form[data-ready]").waitFor();
  await page.getByRole("button", { name: /^Model/ }).focus();
  await page.keyboard.press("Shift+Escape");
  await expect(chat(page).composer).toBeFocused();
  await page.keyboard.type("Long answer please offline:words=400 offline:delay=30");
  await page.keyboard.press("Enter");
  await expect(chat(page).stop).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(chat(page).send).toBeVisible();

  await page.keyboard.press("Control+/");
  const help = page.getByRole("dialog", { name: "Keyboard shortcuts" });
  await expect(help).toContainText("Focus the message box");
  await page.keyboard.press("Escape");
  await expect(help).toBeHidden();
});

test("example prompts fill the composer", async ({ page }) => {
  await page.getByRole("list", { name: "Example prompts" }).getByRole("button").first().click();
  await expect(chat(page).composer).toHaveValue(/Tokyo/);
  await expect(chat(page).composer).toBeFocused();
});

test.describe("on a 360 px phone", () => {
  test.use({ viewport: { width: 360, height: 740 } });

  test("the header, composer and a reply fit without sideways scrolling", async ({ page }) => {
    await firstTurn(page, "Small screen offline:words=20");
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await expect(page.getByRole("button", { name: "Chats" })).toBeVisible();
    await expect(page.getByRole("button", { name: /^Model/ })).toBeVisible();
    await expect(chat(page).composer).toBeVisible();
  });
});

test("axe finds no serious or critical violations on the chat, picker and share pages", async ({ page, browser }) => {
  await firstTurn(page, "Accessibility check offline:words=8");
  const serious = async (target: Page, include?: string) => {
    const builder = new AxeBuilder({ page: target }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]);
    if (include) builder.include(include);
    const { violations } = await builder.analyze();
    return violations
      .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
      .map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`);
  };
  expect(await serious(page)).toEqual([]);

  await page.getByRole("button", { name: /^Model/ }).click();
  await expect(page.getByRole("dialog", { name: "Choose a model" })).toBeVisible();
  expect(await serious(page)).toEqual([]);
  await page.keyboard.press("Escape");

  await page.getByRole("button", { name: "Share", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: "Share this chat" });
  await dialog.getByRole("button", { name: "Create link" }).click();
  const url = await dialog.getByRole("textbox", { name: "Share link" }).inputValue();
  const stranger = await browser.newContext();
  try {
    const visitor = await stranger.newPage();
    await visitor.goto(url);
    expect(await serious(visitor)).toEqual([]);
  } finally {
    await stranger.close();
  }
});

test("the theme choice applies before the page paints and survives a reload", async ({ page }) => {
  await page.getByRole("radiogroup", { name: "Theme" }).getByText("Dark", { exact: true }).click();
  await expect(page.locator("html")).toHaveClass(/dark/);
  // The class is set by the head script while the HTML is parsed, before React or any paint.
  await page.reload({ waitUntil: "commit" });
  await page.waitForFunction(() => document.body !== null);
  expect(await page.evaluate(() => document.documentElement.classList.contains("dark"))).toBe(true);
  await page.locator("form[data-ready]").waitFor();
  await page.getByRole("radiogroup", { name: "Theme" }).getByText("Light", { exact: true }).click();
  await expect(page.locator("html")).not.toHaveClass(/dark/);
});

test("pages and API answers carry the security headers", async ({ request }) => {
  for (const path of ["/", "/api/models"]) {
    const response = await request.get(path);
    expect(response.headers()["x-content-type-options"]).toBe("nosniff");
    expect(response.headers()["content-security-policy"]).toContain("frame-ancestors 'none'");
    expect(response.headers()["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  }
});
