import type { Metadata, Viewport } from "next";
import { connection } from "next/server";
import type { ReactNode } from "react";
import { THEME_COLORS } from "@/components/theme/theme";
import { THEME_SCRIPT } from "@/components/theme/theme-script";
import { ThemeSync } from "@/components/theme/theme-sync";
import "./globals.css";

export const metadata: Metadata = {
  title: "Workers AI Chat",
  description: "Chat with open models on Cloudflare Workers AI.",
  // Installed from iOS's "Add to Home Screen", which ignores the web manifest.
  appleWebApp: { title: "AI Chat" },
};

export const viewport: Viewport = {
  width: "device-width",
  initialScale: 1,
  // Keeps the composer above the on-screen keyboard on phones.
  interactiveWidget: "resizes-content",
  // Follows the OS by default; ThemeSync repoints these when the user picks a theme.
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: THEME_COLORS.light },
    { media: "(prefers-color-scheme: dark)", color: THEME_COLORS.dark },
  ],
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Every page renders per request, so Next can put this response's CSP nonce
  // (set by lib/worker/entry.ts) on its scripts; a prerendered page would carry none.
  await connection();
  return (
    // The head script sets the theme class and color-scheme on <html> before
    // hydration, so its attributes legitimately differ from the server's.
    <html lang="en" suppressHydrationWarning>
      <head>
        {/* Inline and first in <head> so it runs before the body paints: no flash of the wrong theme.
            The string is a constant of ours, never user input. */}
        <script dangerouslySetInnerHTML={{ __html: THEME_SCRIPT }} />
      </head>
      <body>
        <ThemeSync />
        {children}
      </body>
    </html>
  );
}
