import { basicCredentials, sameSecret } from "@/lib/worker/basic-auth";
import { OpenAiError } from "./openai-error";

/** One configured key: the name is for logs and rate limits and is never sent back. */
export interface ApiKey {
  name: string;
  key: string;
}

/** `OPENAI_API_KEYS` = "name:key,name:key"; an entry without a name gets "key-<n>". */
export function parseApiKeys(configured: string | undefined): ApiKey[] {
  if (!configured) return [];
  return configured
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry, index) => {
      const colon = entry.indexOf(":");
      return colon > 0
        ? { name: entry.slice(0, colon).trim(), key: entry.slice(colon + 1).trim() }
        : { name: `key-${index + 1}`, key: entry };
    })
    .filter((apiKey) => apiKey.key !== "");
}

function bearerToken(request: Request): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.get("authorization") ?? "");
  return match?.[1] ?? null;
}

/** Whether any API key is configured: without one the API is off. */
export function apiEnabled(env: { OPENAI_API_KEYS?: string }): boolean {
  return parseApiKeys(env.OPENAI_API_KEYS).length > 0;
}

/**
 * Who is calling: the name of the matching Bearer key, or "basic:<user>" for
 * the app's Basic auth credentials. Every key is compared (in constant time),
 * so timing says nothing about which key was close. Throws 404 when the API is
 * off and 401 (with a Bearer challenge) for a missing or wrong key.
 */
export async function authenticateApiRequest(
  request: Request,
  env: { OPENAI_API_KEYS?: string; BASIC_AUTH?: string },
): Promise<string> {
  const keys = parseApiKeys(env.OPENAI_API_KEYS);
  if (keys.length === 0) {
    throw new OpenAiError(
      404,
      "api_disabled",
      "The OpenAI-compatible API is disabled on this deployment. Set the OPENAI_API_KEYS secret to turn it on.",
    );
  }
  const token = bearerToken(request);
  if (token !== null) {
    let matched: string | undefined;
    for (const { name, key } of keys) {
      if ((await sameSecret(token, key)) && matched === undefined) matched = name;
    }
    if (matched !== undefined) return matched;
  }
  const basic = basicCredentials(request);
  if (basic !== null && env.BASIC_AUTH?.includes(":") && (await sameSecret(basic, env.BASIC_AUTH))) {
    return `basic:${env.BASIC_AUTH.slice(0, env.BASIC_AUTH.indexOf(":"))}`;
  }
  throw new OpenAiError(
    401,
    "invalid_api_key",
    token === null && basic === null
      ? "Missing API key. Send it as `Authorization: Bearer <key>`."
      : "Incorrect API key provided.",
    null,
    { "www-authenticate": 'Bearer realm="Workers AI Chat API"' },
  );
}
