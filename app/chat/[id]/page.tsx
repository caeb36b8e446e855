import { getCloudflareContext } from "@opennextjs/cloudflare";
import { cookies } from "next/headers";
import { notFound } from "next/navigation";
import { Chat } from "@/components/chat/chat";
import { knownOffline } from "@/lib/ai/ai-mode";
import { DEFAULT_MODEL_ID, findModel } from "@/lib/ai/catalog";
import { currentOwnerId } from "@/lib/auth/identity";
import { OWNER_COOKIE } from "@/lib/auth/owner-cookie";
import { loadOwnedChat } from "@/lib/chat/load-owned-chat";

export default async function ChatPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { env } = getCloudflareContext();
  const ownerId = await currentOwnerId((await cookies()).get(OWNER_COOKIE)?.value, env);
  const chat = await loadOwnedChat(env.DB, id, ownerId);
  if (!chat) notFound();

  const model = findModel(chat.model) ?? findModel(DEFAULT_MODEL_ID);
  return (
    <Chat
      chatId={chat.id}
      initialMessages={chat.messages}
      modelId={model?.id ?? DEFAULT_MODEL_ID}
      modelName={model?.name ?? chat.model}
      offline={knownOffline(env)}
    />
  );
}
