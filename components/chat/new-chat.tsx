"use client";

import { generateId } from "ai";
import { useEffect, useState } from "react";
import { useChatHistory } from "@/components/sidebar/chat-history-provider";
import { Chat, type ChatProps } from "./chat";

export type NewChatProps = Omit<ChatProps, "chatId" | "title" | "initialMessages" | "hasOlder"> & {
  initialChatId: string;
};

/** The home page's empty chat. "New chat" starts over here with a fresh id, without a server round trip. */
export function NewChat({ initialChatId, ...props }: NewChatProps) {
  const [chatId, setChatId] = useState(initialChatId);
  const { registerNewChat } = useChatHistory();

  useEffect(
    () =>
      registerNewChat(() => {
        setChatId(generateId());
        document.title = "Workers AI Chat";
        if (window.location.pathname !== "/") window.history.pushState(null, "", "/");
      }),
    [registerNewChat],
  );

  return <Chat key={chatId} chatId={chatId} title="New chat" initialMessages={[]} hasOlder={false} {...props} />;
}
