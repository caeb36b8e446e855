import { defineCloudflareConfig } from "@opennextjs/cloudflare";

// Chat pages are per-user and dynamic, so no incremental cache is configured.
export default defineCloudflareConfig({});
