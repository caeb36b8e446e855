import { getCloudflareContext } from "@opennextjs/cloudflare";
import { generateId } from "ai";
import { Chat } from "@/components/chat/chat";
import { knownOffline } from "@/lib/ai/ai-mode";
import { DEFAULT_MODEL_ID, findModel } from "@/lib/ai/catalog";

// Every visit starts a fresh chat id, so this page can't be prerendered.
export const dynamic = "force-dynamic";

export default function HomePage() {
  const { env } = getCloudflareContext();
  const model = findModel(DEFAULT_MODEL_ID);
  return (
    <Chat
      chatId={generateId()}
      initialMessages={[]}
      modelId={DEFAULT_MODEL_ID}
      modelName={model?.name ?? DEFAULT_MODEL_ID}
      offline={knownOffline(env)}
    />
  );
}
