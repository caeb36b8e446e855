import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as previewImage } from "@/app/share/[id]/preview-image/route";
import { cookieHeader, fuzzedRequest, pathSegment, rawBody } from "@/lib/testing/fuzz-inputs";
import { expectPrototypeUntouched, expectWellFormedResponse } from "@/lib/testing/fuzz-response";
import { freshId, TestBrowser } from "@/lib/testing/test-browser";
import { startWorkerContext, type WorkerTestContext } from "@/lib/testing/worker-context";
import { POST as shareChat } from "../chats/[id]/share/route";
import { GET as getFile } from "../files/[...key]/route";
import { POST as forkShare } from "./[id]/fork/route";
import { GET as sharedImage } from "./[id]/images/[file]/route";
import { DELETE as revokeShare } from "./[id]/route";
import { GET as listShares } from "./route";

/**
 * Property-based fuzzing of the share routes (list, revoke, fork, shared
 * images, the preview image) and /api/files: fuzzed ids and file names in the
 * path, cookies and (ignored) bodies, around a share that exists. Never a 5xx,
 * never a throw, every error a JSON error with a message.
 */

let worker: WorkerTestContext;
let owner: TestBrowser;
let shareId: string;
let chatId: string;
beforeAll(async () => {
  worker = await startWorkerContext();
  owner = new TestBrowser(worker);
  chatId = freshId("fz-share");
  await owner.chatTurn(chatId, "Something worth sharing offline:words=5 offline:delay=0");
  const response = await shareChat(owner.jsonRequest(`/api/chats/${chatId}/share`, "POST", {}), {
    params: Promise.resolve({ id: chatId }),
  });
  expect(response.status).toBe(200);
  shareId = ((await response.json()) as { share: { id: string } }).share.id;
});
afterAll(async () => {
  await worker?.dispose();
});

const context = <T>(params: T) => ({ params: Promise.resolve(params) });
const shareIds = () => pathSegment([shareId, "A".repeat(24), "-".repeat(24)]);
const fileNames = fc.oneof(
  pathSegment(["a.png", "x.jpg", `${"a".repeat(128)}.png`]),
  fc.constantFrom("a.png.exe", ".png", "../a.png"),
);

async function check(response: Response): Promise<void> {
  await expectWellFormedResponse(response);
  await worker.settled();
  expectPrototypeUntouched();
}

describe("share routes and files under fuzzing", () => {
  it("GET /api/shares: any cookie", async () => {
    await fc.assert(
      fc.asyncProperty(cookieHeader(owner.cookie), async (cookie) => {
        await check(
          await listShares(new Request("http://localhost/api/shares", { headers: cookie ? { cookie } : {} })),
        );
      }),
      { numRuns: 100 },
    );
  });

  it("DELETE /api/shares/[id] and POST /fork: any id, cookie and body", async () => {
    await fc.assert(
      fc.asyncProperty(
        // Never the seeded share with its owner's cookie on DELETE: the other properties need it alive.
        pathSegment(["A".repeat(24)]),
        cookieHeader(owner.cookie),
        rawBody(fc.constant({})),
        fc.boolean(),
        async (id, cookie, body, revoking) => {
          const request = fuzzedRequest("http://localhost/api/shares/x", {
            method: revoking ? "DELETE" : "POST",
            body,
            raw: true,
            cookie,
          });
          await check(await (revoking ? revokeShare : forkShare)(request, context({ id })));
        },
      ),
      { numRuns: 250 },
    );
  });

  it("POST /api/shares/[id]/fork of the real share: any cookie (rate-limited, never a 5xx)", async () => {
    await fc.assert(
      fc.asyncProperty(cookieHeader(owner.cookie), async (cookie) => {
        const request = new Request(`http://localhost/api/shares/${shareId}/fork`, {
          method: "POST",
          headers: cookie ? { cookie } : {},
        });
        await check(await forkShare(request, context({ id: shareId })));
      }),
      { numRuns: 20 },
    );
  });

  it("GET /api/shares/[id]/images/[file] and /share/[id]/preview-image: any id and file", async () => {
    await fc.assert(
      fc.asyncProperty(shareIds(), fileNames, fc.boolean(), async (id, file, preview) => {
        const request = new Request("http://localhost/share/x/preview-image?v=1");
        const response = preview
          ? await previewImage(request, context({ id }))
          : await sharedImage(request, context({ id, file }));
        await check(response);
      }),
      { numRuns: 300 },
    );
  });

  it("GET /api/files/[...key]: any segments and cookie", async () => {
    const segments = fc.oneof(
      fc.array(pathSegment(), { maxLength: 5 }),
      fc.tuple(fc.constant("images"), pathSegment([chatId]), fileNames),
    );
    await fc.assert(
      fc.asyncProperty(segments, cookieHeader(owner.cookie), async (key, cookie) => {
        const request = new Request("http://localhost/api/files/x", {
          headers: { ...(cookie ? { cookie } : {}), "if-none-match": '"x"', range: "bytes=0-1" },
        });
        await check(await getFile(request, context({ key })));
      }),
      { numRuns: 300 },
    );
  });
});
