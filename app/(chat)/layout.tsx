import { getCloudflareContext } from "@opennextjs/cloudflare";
import { cookies } from "next/headers";
import type { ReactNode } from "react";
import { ChatHistoryProvider } from "@/components/sidebar/chat-history-provider";
import { Sidebar } from "@/components/sidebar/sidebar";
import { currentOwnerId } from "@/lib/auth/identity";
import { OWNER_COOKIE } from "@/lib/auth/owner-cookie";
import { loadChatListPage } from "@/lib/chat/chat-list-page";

// Every chat page shows the asking browser's own chats.
export const dynamic = "force-dynamic";

/** The app around a chat: the history sidebar (its first page rendered here) and the chat itself. */
export default async function ChatLayout({ children }: { children: ReactNode }) {
  const cookieValue = (await cookies()).get(OWNER_COOKIE)?.value;
  const { env } = getCloudflareContext();
  const ownerId = await currentOwnerId(cookieValue, env);
  const firstPage = await loadChatListPage(env.DB, ownerId);
  return (
    <ChatHistoryProvider initialPage={firstPage}>
      <div className="flex h-dvh">
        <Sidebar />
        <main className="flex min-w-0 flex-1 flex-col">{children}</main>
      </div>
    </ChatHistoryProvider>
  );
}
