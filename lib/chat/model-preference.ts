/**
 * The model a browser last chose, kept in a plain cookie so the server can
 * render a new chat with it already selected (no flash of the default).
 * It is a preference, not a secret: readable by scripts on purpose.
 */
export const MODEL_COOKIE = "wac_model";

const ONE_YEAR_SECONDS = 60 * 60 * 24 * 365;

/** Remembers `modelId` as this browser's default for new chats. Browser only. */
export function rememberModelChoice(modelId: string): void {
  const secure = window.location.protocol === "https:" ? "; Secure" : "";
  document.cookie = `${MODEL_COOKIE}=${encodeURIComponent(modelId)}; Path=/; Max-Age=${ONE_YEAR_SECONDS}; SameSite=Lax${secure}`;
}

/** The model this browser last chose, from its cookie. Browser only. */
export function rememberedModelChoice(): string | undefined {
  const entry = document.cookie.split("; ").find((part) => part.startsWith(`${MODEL_COOKIE}=`));
  return entry ? decodeURIComponent(entry.slice(MODEL_COOKIE.length + 1)) : undefined;
}
