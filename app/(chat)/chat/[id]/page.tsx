import { getCloudflareContext } from "@opennextjs/cloudflare";
import type { Metadata } from "next";
import { cookies } from "next/headers";
import { notFound } from "next/navigation";
import { cache } from "react";
import { Chat } from "@/components/chat/chat-pages";
import { knownOffline } from "@/lib/ai/ai-mode";
import { modelOrDefault } from "@/lib/ai/catalog";
import { getModelCatalog } from "@/lib/ai/live-catalog";
import { currentOwnerId } from "@/lib/auth/identity";
import { OWNER_COOKIE } from "@/lib/auth/owner-cookie";
import { loadOwnedChat } from "@/lib/chat/load-owned-chat";

interface ChatPageProps {
  params: Promise<{ id: string }>;
}

// Metadata and the page need the same chat: load it once per request.
const loadChatForRequest = cache(async (id: string) => {
  const { env } = getCloudflareContext();
  const ownerId = await currentOwnerId((await cookies()).get(OWNER_COOKIE)?.value, env);
  return loadOwnedChat(env.DB, id, ownerId);
});

export async function generateMetadata({ params }: ChatPageProps): Promise<Metadata> {
  const chat = await loadChatForRequest((await params).id);
  return { title: chat ? `${chat.title} · Workers AI Chat` : "Chat not found · Workers AI Chat" };
}

export default async function ChatPage({ params }: ChatPageProps) {
  const chat = await loadChatForRequest((await params).id);
  if (!chat) notFound();
  const { env } = getCloudflareContext();

  const catalog = await getModelCatalog(env);
  // A chat whose model has since been retired continues with the default.
  const model = modelOrDefault(catalog, chat.model);
  return (
    <Chat
      key={chat.id}
      chatId={chat.id}
      title={chat.title}
      initialMessages={chat.messages}
      hasOlder={chat.hasOlder}
      versions={chat.versions}
      models={catalog.models}
      modelId={model.id}
      settings={chat.settings}
      persisted
      offline={knownOffline(env)}
    />
  );
}
