import { getCloudflareContext } from "@opennextjs/cloudflare";
import { cookies } from "next/headers";
import { NewChat } from "@/components/chat/chat-pages";
import { knownOffline } from "@/lib/ai/ai-mode";
import { findModel, modelOrDefault } from "@/lib/ai/catalog";
import { getModelCatalog } from "@/lib/ai/live-catalog";
import { DEFAULT_CHAT_SETTINGS } from "@/lib/chat/chat-settings";
import { MODEL_COOKIE } from "@/lib/chat/model-preference";
import { newChatId } from "@/lib/chat/new-chat-id";

// Every visit starts a fresh chat id, so this page can't be prerendered.
export const dynamic = "force-dynamic";

interface HomePageProps {
  searchParams: Promise<{ model?: string | string[] }>;
}

/** A new chat, with the model from `?model=<id>`, else the one this browser chose last, else the default. */
export default async function HomePage({ searchParams }: HomePageProps) {
  const { env } = getCloudflareContext();
  const catalog = await getModelCatalog(env);
  const requestedParam = (await searchParams).model;
  const requested = Array.isArray(requestedParam) ? requestedParam[0] : requestedParam;
  const requestedModel = requested ? findModel(catalog, requested) : undefined;
  const remembered = (await cookies()).get(MODEL_COOKIE)?.value;
  const model = requestedModel ?? modelOrDefault(catalog, remembered);
  const notice =
    requested && !requestedModel
      ? `There is no model "${requested}" in the catalog, so this chat uses ${model.name}. Pick another with the Model button.`
      : undefined;
  return (
    <NewChat
      initialChatId={newChatId()}
      models={catalog.models}
      modelId={model.id}
      settings={DEFAULT_CHAT_SETTINGS}
      offline={knownOffline(env)}
      notice={notice}
    />
  );
}
