import { getCloudflareContext } from "@opennextjs/cloudflare";
import type { Metadata } from "next";
import { cookies } from "next/headers";
import { SharedLinks } from "@/components/share/shared-links";
import { currentOwnerId } from "@/lib/auth/identity";
import { OWNER_COOKIE } from "@/lib/auth/owner-cookie";
import { listShares } from "@/lib/db/shares";
import { shareView } from "@/lib/share/share-requests";

export const metadata: Metadata = { title: "Shared links · Workers AI Chat" };

/** Every link this browser has shared, to open or revoke. */
export default async function SharesPage() {
  const { env } = getCloudflareContext();
  const ownerId = await currentOwnerId((await cookies()).get(OWNER_COOKIE)?.value, env);
  const links = ownerId ? (await listShares(env.DB, ownerId)).map(shareView) : [];
  return (
    <div className="mx-auto flex w-full max-w-3xl flex-col gap-4 overflow-y-auto px-4 py-8">
      <h1 className="font-semibold text-xl">Shared links</h1>
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        Each link shows a snapshot of its chat from when it was last updated. Revoking a link makes it stop working at
        once; the chat itself stays.
      </p>
      <SharedLinks initialLinks={links} />
    </div>
  );
}
