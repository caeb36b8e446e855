import { getCloudflareContext } from "@opennextjs/cloudflare";
import type { Metadata } from "next";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { cache } from "react";
import { ForkButton } from "@/components/share/fork-button";
import { SharedTranscript } from "@/components/share/shared-transcript";
import { getModelCatalog } from "@/lib/ai/live-catalog";
import { getShare } from "@/lib/db/shares";
import { shareDescription } from "@/lib/share/share-description";
import { SHARE_ID_PATTERN } from "@/lib/share/share-id";

interface SharePageProps {
  params: Promise<{ id: string }>;
}

// Metadata and the page need the same share: read it once per request.
const loadShare = cache(async (id: string) => {
  if (!SHARE_ID_PATTERN.test(id)) return null;
  return getShare(getCloudflareContext().env.DB, id);
});

function formatDate(epochMs: number): string {
  return new Date(epochMs).toLocaleDateString("en", {
    year: "numeric",
    month: "long",
    day: "numeric",
    timeZone: "UTC",
  });
}

export async function generateMetadata({ params }: SharePageProps): Promise<Metadata> {
  const { id } = await params;
  const share = await loadShare(id);
  if (!share) return { title: "Shared chat not found · Workers AI Chat", robots: { index: false, follow: false } };
  const requestHeaders = await headers();
  const host = requestHeaders.get("x-forwarded-host") ?? requestHeaders.get("host") ?? "localhost";
  const protocol =
    requestHeaders.get("x-forwarded-proto") ??
    (host.startsWith("localhost") || host.startsWith("127.") ? "http" : "https");
  const title = share.snapshot.title;
  const description = shareDescription(share.snapshot);
  const image = { url: `/share/${id}/preview-image?v=${share.updatedAt}`, width: 1200, height: 630, alt: title };
  return {
    metadataBase: new URL(`${protocol}://${host}`),
    title: `${title} · Shared chat · Workers AI Chat`,
    description,
    // Shared chats stay out of search engines unless the owner opted in for this link.
    robots: share.indexable ? { index: true, follow: true } : { index: false, follow: false },
    openGraph: {
      type: "article",
      siteName: "Workers AI Chat",
      title,
      description,
      url: `/share/${id}`,
      images: [image],
    },
    twitter: { card: "summary_large_image", title, description, images: [image.url] },
  };
}

/** A shared chat: a read-only snapshot anyone with the link can open, no cookie or sign-up needed. */
export default async function SharePage({ params }: SharePageProps) {
  const { id } = await params;
  const share = await loadShare(id);
  if (!share) notFound();
  const { snapshot } = share;
  const catalog = await getModelCatalog(getCloudflareContext().env);
  const used = new Set([snapshot.model, ...snapshot.messages.map((message) => message.metadata?.model)]);
  const models = catalog.models.filter((model) => used.has(model.id));
  const modelName = models.find((model) => model.id === snapshot.model)?.name ?? snapshot.model;

  return (
    <div className="mx-auto flex min-h-dvh w-full max-w-3xl flex-col gap-6 px-4 py-8">
      <header className="flex flex-col gap-1 border-zinc-200 border-b pb-4 dark:border-zinc-800">
        <p className="text-sm text-zinc-500 dark:text-zinc-400">
          <a href="/" className="font-medium text-orange-700 hover:underline dark:text-orange-400">
            Workers AI Chat
          </a>{" "}
          · shared conversation
        </p>
        <h1 className="font-semibold text-2xl">{snapshot.title}</h1>
        <p className="text-sm text-zinc-500 dark:text-zinc-400">
          Shared {formatDate(snapshot.sharedAt)} · {modelName}
        </p>
      </header>
      {snapshot.systemPrompt && (
        <section
          aria-label="System prompt"
          className="rounded-lg border border-zinc-200 p-3 text-sm dark:border-zinc-800"
        >
          <h2 className="mb-1 font-medium text-zinc-600 dark:text-zinc-400">System prompt</h2>
          <p className="whitespace-pre-wrap">{snapshot.systemPrompt}</p>
        </section>
      )}
      <SharedTranscript messages={snapshot.messages} models={models} />
      <footer className="mt-4 flex flex-col items-center gap-3 border-zinc-200 border-t pt-6 text-center dark:border-zinc-800">
        <p className="text-sm text-zinc-500 dark:text-zinc-400">
          A snapshot of the chat when it was shared; later messages aren't included.
        </p>
        <ForkButton shareId={id} />
      </footer>
    </div>
  );
}
