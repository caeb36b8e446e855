import { getCloudflareContext } from "@opennextjs/cloudflare";
import { generateId } from "ai";
import { NewChat } from "@/components/chat/new-chat";
import { knownOffline } from "@/lib/ai/ai-mode";
import { modelOrDefault } from "@/lib/ai/catalog";

// Every visit starts a fresh chat id, so this page can't be prerendered.
export const dynamic = "force-dynamic";

export default function HomePage() {
  const { env } = getCloudflareContext();
  const model = modelOrDefault();
  return <NewChat initialChatId={generateId()} modelId={model.id} modelName={model.name} offline={knownOffline(env)} />;
}
