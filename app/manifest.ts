import type { MetadataRoute } from "next";
import { THEME_COLORS } from "@/components/theme/theme";

/**
 * Served at /manifest.webmanifest, and Next links it from every page. The
 * PNGs come from scripts/make-icons.mjs (same design as app/icon.svg).
 */
export default function manifest(): MetadataRoute.Manifest {
  return {
    name: "Workers AI Chat",
    short_name: "AI Chat",
    description: "Chat with open models on Cloudflare Workers AI.",
    id: "/",
    start_url: "/",
    scope: "/",
    display: "standalone",
    // The splash screen before the app's own theme script runs; light is the default theme.
    background_color: THEME_COLORS.light,
    // The brand orange, as in the icon: the installed window's title bar.
    theme_color: "#c2410c",
    icons: [
      { src: "/icon.svg", type: "image/svg+xml", sizes: "any", purpose: "any" },
      { src: "/icons/icon-192.png", type: "image/png", sizes: "192x192", purpose: "any" },
      { src: "/icons/icon-512.png", type: "image/png", sizes: "512x512", purpose: "any" },
      { src: "/icons/icon-maskable-512.png", type: "image/png", sizes: "512x512", purpose: "maskable" },
    ],
  };
}
