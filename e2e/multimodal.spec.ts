import { existsSync } from "node:fs";
import { chromium, expect, type Locator, type Page, test } from "@playwright/test";
import { encodePng } from "../lib/files/encode-png";
import { chat, sendWithEnter, waitForFinishedReply } from "./support/chat-page";

/**
 * Images and voice in Chromium against the built Worker (offline mode): images
 * attached by button, drop and paste, previewed, removed, sent to a vision
 * model (the stand-in reports what it received), shown in the chat, after a
 * reload and on the share page; a model without vision refuses them; a
 * recording from Chromium's fake microphone transcribed into the composer.
 */

const VISION_MODEL = "@cf/meta/llama-4-scout-17b-16e-instruct";
/** The project's launch arguments (playwright.config.ts). */
const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];

async function pngFile(name: string, width: number, height: number) {
  const rgb = Uint8Array.from({ length: width * height * 3 }, (_, i) => (i * 53) % 256);
  return { name, mimeType: "image/png", buffer: Buffer.from(await encodePng({ width, height, rgb })) };
}

function composerParts(page: Page) {
  return {
    attach: page.getByRole("button", { name: "Attach images" }),
    tray: page.getByRole("list", { name: "Attached images" }),
    alert: page.locator("form").getByRole("alert"),
  };
}

async function expectImageLoaded(image: Locator) {
  await expect(image).toBeVisible();
  await expect.poll(() => image.evaluate((element: HTMLImageElement) => element.naturalWidth)).toBeGreaterThan(0);
}

/** Chooses files through the attach button's file chooser, as a person would. */
async function attachWithButton(page: Page, files: Awaited<ReturnType<typeof pngFile>>[]) {
  const chooser = page.waitForEvent("filechooser");
  await composerParts(page).attach.click();
  await (await chooser).setFiles(files);
}

test("an image goes to a vision model, shows in the chat, after a reload, and on the share page", async ({
  page,
  browser,
}) => {
  await page.goto(`/?model=${VISION_MODEL}`);
  await page.locator("form[data-ready]").waitFor();
  const { tray, alert } = composerParts(page);
  const sky = await pngFile("sky.png", 12, 8);
  const other = await pngFile("other.png", 3, 3);

  // Preview, then remove.
  await attachWithButton(page, [other]);
  await expectImageLoaded(tray.getByRole("img", { name: "Preview of other.png" }));
  await tray.getByRole("button", { name: "Remove other.png" }).click();
  await expect(tray).toHaveCount(0);

  // A file that isn't an image is refused with the reason; the good one is kept.
  await attachWithButton(page, [sky, { name: "notes.txt", mimeType: "text/plain", buffer: Buffer.from("hello") }]);
  await expect(alert).toContainText("“notes.txt” isn't a PNG, JPEG, WebP or GIF image.");
  await expectImageLoaded(tray.getByRole("img", { name: "Preview of sky.png" }));
  await expect(tray.getByRole("listitem")).toHaveCount(1);
  await expect(tray.getByRole("listitem")).not.toHaveAttribute("aria-busy", "true");

  await sendWithEnter(page, "What is in this picture? offline:words=5");
  await expect(tray).toHaveCount(0);
  const question = chat(page).userMessages.first();
  await expectImageLoaded(question.getByRole("img", { name: "Attached image: sky.png" }));
  const reply = chat(page).replies.first();
  await waitForFinishedReply(page, reply);
  await expect(reply).toContainText(
    `the stand-in received 1 image (image 1: image/png, 12×8 pixels, ${sky.buffer.length} bytes)`,
  );
  const src = await question.getByRole("img", { name: "Attached image: sky.png" }).getAttribute("src");
  expect(src).toMatch(/^\/api\/files\/images\/[A-Za-z0-9_-]+\/[0-9a-f-]+\.png$/);

  await page.reload();
  await expectImageLoaded(chat(page).userMessages.first().getByRole("img", { name: "Attached image: sky.png" }));

  // Shared: a visitor without a cookie sees the image, served by the share's own route.
  await page.getByRole("button", { name: "Share", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: "Share this chat" });
  await dialog.getByRole("button", { name: "Create link" }).click();
  const link = dialog.getByRole("textbox", { name: "Share link" });
  await expect(link).toHaveValue(/\/share\/[A-Za-z0-9_-]{24}$/);
  const url = await link.inputValue();

  const stranger = await browser.newContext();
  try {
    const visitor = await stranger.newPage();
    await visitor.goto(url);
    expect(await stranger.cookies()).toEqual([]);
    const shared = visitor.getByRole("img", { name: "Attached image: sky.png" });
    await expectImageLoaded(shared);
    expect(await shared.getAttribute("src")).toMatch(/^\/api\/shares\/[A-Za-z0-9_-]{24}\/images\/[0-9a-f-]+\.png$/);
    // The chat's own file URL stays private.
    expect((await visitor.request.get(src ?? "")).status()).toBe(404);
  } finally {
    await stranger.close();
  }
});

test("images can be dropped onto the composer and pasted into it", async ({ page }) => {
  await page.goto(`/?model=${VISION_MODEL}`);
  await page.locator("form[data-ready]").waitFor();
  const { tray } = composerParts(page);
  const dropped = await pngFile("dropped.png", 4, 4);
  const pasted = await pngFile("pasted.png", 5, 5);

  // A real DataTransfer holding a File, dispatched as the browser would for a drop.
  const drop = await page.evaluateHandle(
    ({ name, bytes }) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([new Uint8Array(bytes)], name, { type: "image/png" }));
      return transfer;
    },
    { name: dropped.name, bytes: [...dropped.buffer] },
  );
  await page.locator("form").dispatchEvent("dragover", { dataTransfer: drop });
  await page.locator("form").dispatchEvent("drop", { dataTransfer: drop });
  await expectImageLoaded(tray.getByRole("img", { name: "Preview of dropped.png" }));

  await chat(page).composer.fill("typed before the paste");
  await chat(page).composer.evaluate(
    (element, { name, bytes }) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([new Uint8Array(bytes)], name, { type: "image/png" }));
      element.dispatchEvent(new ClipboardEvent("paste", { clipboardData: transfer, bubbles: true, cancelable: true }));
    },
    { name: pasted.name, bytes: [...pasted.buffer] },
  );
  await expectImageLoaded(tray.getByRole("img", { name: "Preview of pasted.png" }));
  await expect(chat(page).composer).toHaveValue("typed before the paste");
  await expect(tray.getByRole("listitem")).toHaveCount(2);
});

test("a model without vision disables attaching and says why; switching to one keeps the typed text", async ({
  page,
}) => {
  await page.goto(`/?model=${VISION_MODEL}`);
  await page.locator("form[data-ready]").waitFor();
  const { attach, tray, alert } = composerParts(page);
  await attachWithButton(page, [await pngFile("kept.png", 6, 6)]);
  await expect(tray.getByRole("listitem")).not.toHaveAttribute("aria-busy", "true");
  await chat(page).composer.fill("Describe this, please");

  // Switch to a model without vision.
  await page.getByRole("button", { name: /^Model/ }).click();
  const picker = page.getByRole("dialog", { name: "Choose a model" });
  await picker.getByRole("combobox", { name: "Search models" }).fill("Llama 3.3");
  await picker.getByRole("option").first().click();

  await expect(attach).toBeDisabled();
  await expect(attach).toHaveAccessibleDescription(
    "Llama 3.3 70B Instruct (fast) can't read images. Pick a model marked “Vision” to attach them.",
  );
  await attach.click({ force: true });
  await expect(alert).toContainText("can't read images");

  // Sending is refused with the reason; nothing typed or attached is lost.
  await chat(page).composer.press("Enter");
  await expect(alert).toContainText("Or remove the images to send just the text.");
  await expect(chat(page).composer).toHaveValue("Describe this, please");
  await expect(tray.getByRole("img", { name: "Preview of kept.png" })).toBeVisible();
  await expect(chat(page).userMessages).toHaveCount(0);
});

test.describe("voice input", () => {
  test("a denied microphone says so plainly", async ({ page }) => {
    // Stubbing getUserMedia is the only way to make the browser deny it on demand.
    await page.addInitScript(() => {
      navigator.mediaDevices.getUserMedia = () =>
        Promise.reject(new DOMException("Permission denied", "NotAllowedError"));
    });
    await page.goto("/");
    await page.locator("form[data-ready]").waitFor();
    await page.getByRole("button", { name: "Record voice" }).click();
    await expect(composerParts(page).alert).toContainText("Microphone access was denied.");
    await expect(page.getByRole("button", { name: "Record voice" })).toBeEnabled();
  });

  test("a browser without MediaRecorder is told it can't record", async ({ page }) => {
    await page.addInitScript(() => {
      Reflect.deleteProperty(window, "MediaRecorder");
    });
    await page.goto("/");
    await page.locator("form[data-ready]").waitFor();
    await page.getByRole("button", { name: "Record voice" }).click();
    await expect(composerParts(page).alert).toContainText("This browser can't record audio");
  });
});

test.describe("voice input with a microphone", () => {
  test("recording, stopping, and the transcription lands in the composer for review", async ({ baseURL }) => {
    // Chromium's fake microphone (a beep) with the permission prompt accepted: a real MediaRecorder recording.
    // Launch options can't change per test, so this test starts its own browser with them.
    const browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH || (existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined),
      args: [...CHROMIUM_ARGS, "--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream"],
    });
    try {
      const context = await browser.newContext({ baseURL, permissions: ["microphone"] });
      const page = await context.newPage();
      await recordIntoComposer(page);
    } finally {
      await browser.close();
    }
  });
});

async function recordIntoComposer(page: Page) {
  await page.goto("/");
  await page.locator("form[data-ready]").waitFor();
  await chat(page).composer.fill("Note:");

  await page.getByRole("button", { name: "Record voice" }).click();
  const stop = page.getByRole("button", { name: "Stop recording" });
  await expect(stop).toBeVisible();
  await expect(page.getByRole("timer", { name: "Recording time" })).toHaveText("0:01");
  await stop.click();

  await expect(chat(page).composer).toHaveValue(
    /^Note: Offline transcription of WebM audio \(\d+ bytes\) from the stand-in, not Whisper\.$/,
  );
  await expect(page.getByRole("button", { name: "Record voice" })).toBeVisible();
  // Put in the composer for review, not sent.
  await expect(chat(page).userMessages).toHaveCount(0);
  await expect(composerParts(page).alert).toHaveCount(0);
}
