import { expect, type Page, test } from "@playwright/test";
import { chat, sendWithEnter, waitForFinishedReply } from "./support/chat-page";
import { ownerIdOf, seedLongChat } from "./support/seed-chat";

/**
 * The history sidebar and long chats, in Chromium against the built Worker.
 * Offline titles are the first message without its directives.
 */

function sidebar(page: Page) {
  const nav = page.getByRole("navigation", { name: "Chats" });
  return {
    nav,
    newChat: nav.getByRole("link", { name: "New chat" }),
    search: nav.getByRole("searchbox", { name: "Search chats" }),
    chats: nav.getByRole("list").getByRole("link"),
    chat: (title: string) => nav.getByRole("link", { name: title, exact: true }),
  };
}

/** Starts a new chat from the sidebar and waits for its first reply. */
async function startChat(page: Page, text: string) {
  await sidebar(page).newChat.click();
  await expect(chat(page).userMessages).toHaveCount(0);
  await sendWithEnter(page, text);
  await expect(page).toHaveURL(/\/chat\/[A-Za-z0-9_-]+$/);
  await waitForFinishedReply(page, chat(page).replies.first());
}

test.beforeEach(async ({ page }) => {
  await page.goto("/");
});

test("lists chats newest first and opens an older one", async ({ page }) => {
  await startChat(page, "Sourdough starter tips offline:words=5");
  const firstUrl = page.url();
  await startChat(page, "Tide tables explained offline:words=5");

  const { chats, chat: chatLink } = sidebar(page);
  await expect(chats.first()).toHaveText("Tide tables explained");
  await expect(chats.nth(1)).toHaveText("Sourdough starter tips");
  await expect(chatLink("Tide tables explained")).toHaveAttribute("aria-current", "page");

  await chatLink("Sourdough starter tips").click();
  await expect(page).toHaveURL(firstUrl);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Sourdough starter tips");
  await expect(chat(page).userMessages.first()).toContainText("Sourdough starter tips");

  // The order and the titles come from D1, not just from this page's memory.
  await page.reload();
  await expect(chats.first()).toHaveText("Tide tables explained");
});

test("renames a chat; the new title survives a reload", async ({ page }) => {
  await startChat(page, "Name me later offline:words=5");
  const { nav, chat: chatLink } = sidebar(page);

  await nav.getByRole("button", { name: "Rename “Name me later”" }).click();
  const titleBox = nav.getByRole("textbox", { name: "Chat title" });
  await titleBox.fill("Garden plans");
  await titleBox.press("Enter");

  await expect(chatLink("Garden plans")).toBeVisible();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Garden plans");
  await page.reload();
  await expect(chatLink("Garden plans")).toBeVisible();
  await expect(page).toHaveTitle("Garden plans · Workers AI Chat");
});

test("deletes a chat only after confirmation", async ({ page }) => {
  await startChat(page, "Keep this one offline:words=5");
  await startChat(page, "Throw this away offline:words=5");
  const { nav, chat: chatLink } = sidebar(page);

  await nav.getByRole("button", { name: "Delete “Keep this one”" }).click();
  const dialog = page.getByRole("dialog", { name: "Delete chat?" });
  await expect(dialog).toContainText("Keep this one");
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();
  await expect(chatLink("Keep this one")).toBeVisible();

  // Deleting the open chat leaves it for a fresh one.
  const deletedUrl = page.url();
  await nav.getByRole("button", { name: "Delete “Throw this away”" }).click();
  await dialog.getByRole("button", { name: "Delete" }).click();
  await expect(chatLink("Throw this away")).toHaveCount(0);
  await expect(page).toHaveURL(/\/$/);

  const visit = await page.goto(deletedUrl);
  expect(visit?.status()).toBe(404);
  await page.goto("/");
  await expect(chatLink("Keep this one")).toBeVisible();
  await expect(chatLink("Throw this away")).toHaveCount(0);
});

test("searches chats by title and by message text", async ({ page }) => {
  await startChat(page, "Volcano facts offline:words=5");
  await sendWithEnter(page, "What about obsidian formation? offline:words=5");
  await waitForFinishedReply(page, chat(page).replies.nth(1));
  await startChat(page, "Bicycle maintenance offline:words=5");
  const { search, chats } = sidebar(page);

  await search.fill("bicycle");
  await expect(chats).toHaveCount(1);
  await expect(chats.first()).toContainText("Bicycle maintenance");

  // A match inside a message shows the chat with the text that matched.
  await search.fill("OBSIDIAN");
  await expect(chats).toHaveCount(1);
  await expect(chats.first()).toContainText("Volcano facts");
  await expect(chats.first()).toContainText("What about obsidian formation?");

  await search.fill("nothing like this anywhere");
  await expect(chats).toHaveCount(0);
  await expect(page.getByText("No chats match your search.")).toBeVisible();

  await search.fill("");
  await expect(chats.filter({ hasText: "Volcano facts" })).toHaveCount(1);
  await expect(chats.filter({ hasText: "Bicycle maintenance" })).toHaveCount(1);
});

test("Ctrl+Shift+O starts a new chat", async ({ page }) => {
  await startChat(page, "Before the shortcut offline:words=5");
  await page.keyboard.press("Control+Shift+O");
  await expect(page).toHaveURL(/\/$/);
  await expect(chat(page).userMessages).toHaveCount(0);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("New chat");
});

test.describe("on a phone", () => {
  test.use({ viewport: { width: 390, height: 780 } });

  test("the chat list is a drawer", async ({ page }) => {
    await sendWithEnter(page, "Pocket-sized question offline:words=5");
    await waitForFinishedReply(page, chat(page).replies.first());
    const { nav, newChat } = sidebar(page);
    await expect(nav).toBeHidden();

    const open = page.getByRole("button", { name: "Chats" });
    await expect(open).toHaveAttribute("aria-expanded", "false");
    await open.click();
    await expect(nav).toBeVisible();
    await expect(open).toHaveAttribute("aria-expanded", "true");
    await page.keyboard.press("Escape");
    await expect(nav).toBeHidden();

    await open.click();
    await newChat.click();
    await expect(nav).toBeHidden();
    await expect(chat(page).userMessages).toHaveCount(0);
  });
});

test("a 1,000-message chat opens on its latest messages and loads older ones on scroll", async ({ page, context }) => {
  // A first message gives this browser its owner cookie; the long chat is written straight into D1.
  await sendWithEnter(page, "Hello offline:words=3");
  await waitForFinishedReply(page, chat(page).replies.first());
  const chatId = `long-${Date.now().toString(36)}`;
  seedLongChat({ ownerId: await ownerIdOf(context), chatId, title: "Very long chat", count: 1_000 });

  await page.goto(`/chat/${chatId}`);
  const { log } = chat(page);
  const messages = log.getByRole("article");
  await expect(log.getByText("Message number 1000", { exact: true })).toBeInViewport();
  // Only the latest page is rendered at first.
  const firstPage = await messages.count();
  expect(firstPage).toBeLessThan(100);
  await expect(log.getByText("Message number 1", { exact: true })).toHaveCount(0);

  // Scrolling to the top keeps pulling in earlier pages until the first message.
  const scroller = log.locator("xpath=..");
  const first = log.getByText("Message number 1", { exact: true });
  for (let attempt = 0; attempt < 40 && (await first.count()) === 0; attempt++) {
    const shown = await messages.count();
    // textContent: rows off screen are skipped by layout (content-visibility), which empties innerText.
    const topLabel = ((await messages.first().textContent()) ?? "").match(/Message number \d+/)?.[0] ?? "";
    await scroller.evaluate((element) => {
      element.scrollTop = 0;
    });
    await expect(messages).not.toHaveCount(shown);
    // The page put in front doesn't move the reader: what was at the top is still on screen.
    await expect(log.getByText(topLabel, { exact: true })).toBeInViewport();
  }
  await expect(first).toHaveCount(1);
  await expect(messages).toHaveCount(1_000);
  await expect(log.getByRole("button", { name: "Load earlier messages" })).toHaveCount(0);
});
