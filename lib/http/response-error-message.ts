/**
 * The message of one of our JSON errors (`{ error: { message } }`), for the
 * browser to show; `fallback` when the body isn't one (a proxy's HTML page).
 */
export async function responseErrorMessage(
  response: Response,
  fallback = `Request failed (${response.status}).`,
): Promise<string> {
  const body = (await response.json().catch(() => null)) as { error?: { message?: unknown } } | null;
  return typeof body?.error?.message === "string" ? body.error.message : fallback;
}
