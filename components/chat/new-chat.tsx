"use client";

import { useEffect, useState } from "react";
import { useChatHistoryActions } from "@/components/sidebar/chat-history-provider";
import { rememberedModelChoice } from "@/lib/chat/model-preference";
import { newChatId } from "@/lib/chat/new-chat-id";
import { Chat, type ChatProps } from "./chat";

export type NewChatProps = Omit<
  ChatProps,
  "chatId" | "title" | "initialMessages" | "hasOlder" | "persisted" | "versions"
> & {
  initialChatId: string;
};

/** The home page's empty chat. "New chat" starts over here with a fresh id, without a server round trip. */
export function NewChat({ initialChatId, modelId, models, notice, ...props }: NewChatProps) {
  const [chat, setChat] = useState<{ id: string; modelId: string; notice?: string }>({
    id: initialChatId,
    modelId,
    notice,
  });
  const { registerNewChat } = useChatHistoryActions();

  useEffect(
    () =>
      registerNewChat(() => {
        // Start with the model chosen last, which may have changed since this page was rendered.
        const remembered = rememberedModelChoice();
        const known = models.some((model) => model.id === remembered);
        setChat((current) => ({ id: newChatId(), modelId: known && remembered ? remembered : current.modelId }));
        document.title = "Workers AI Chat";
        if (window.location.pathname !== "/" || window.location.search) window.history.pushState(null, "", "/");
      }),
    [registerNewChat, models],
  );

  return (
    <Chat
      key={chat.id}
      chatId={chat.id}
      title="New chat"
      initialMessages={[]}
      hasOlder={false}
      versions={[]}
      persisted={false}
      models={models}
      modelId={chat.modelId}
      notice={chat.notice}
      {...props}
    />
  );
}
