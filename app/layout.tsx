import { getCloudflareContext } from "@opennextjs/cloudflare";
import type { Metadata, Viewport } from "next";
import { cookies } from "next/headers";
import type { ReactNode } from "react";
import { ChatHistoryProvider } from "@/components/sidebar/chat-history-provider";
import { Sidebar } from "@/components/sidebar/sidebar";
import { currentOwnerId } from "@/lib/auth/identity";
import { OWNER_COOKIE } from "@/lib/auth/owner-cookie";
import { loadChatListPage } from "@/lib/chat/chat-list-page";
import "./globals.css";

// Every page shows the asking browser's own chats.
export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: "Workers AI Chat",
  description: "Chat with open models on Cloudflare Workers AI.",
};

export const viewport: Viewport = {
  width: "device-width",
  initialScale: 1,
  // Keeps the composer above the on-screen keyboard on phones.
  interactiveWidget: "resizes-content",
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#ffffff" },
    { media: "(prefers-color-scheme: dark)", color: "#09090b" },
  ],
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // The sidebar's first page is rendered with the page, so history shows without a round trip.
  const cookieValue = (await cookies()).get(OWNER_COOKIE)?.value;
  const { env } = getCloudflareContext();
  const ownerId = await currentOwnerId(cookieValue, env);
  const firstPage = await loadChatListPage(env.DB, ownerId);
  return (
    <html lang="en">
      <body>
        <ChatHistoryProvider initialPage={firstPage}>
          <div className="flex h-dvh">
            <Sidebar />
            <main className="flex min-w-0 flex-1 flex-col">{children}</main>
          </div>
        </ChatHistoryProvider>
      </body>
    </html>
  );
}
