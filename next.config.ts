import { initOpenNextCloudflareForDev } from "@opennextjs/cloudflare";
import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
};

export default nextConfig;

// Wrangler treats the AI binding as remote; asking for remote bindings without
// credentials breaks `next build` and strips every binding (D1 included) from
// `next dev`. Remote bindings are therefore opt-in.
initOpenNextCloudflareForDev({ remoteBindings: process.env.CF_REMOTE_BINDINGS === "1" });
