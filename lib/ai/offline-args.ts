/**
 * Takes `offline:args={...}` out of a message when the JSON contains spaces
 * (`{"prompt":"a red lighthouse"}`), which the whitespace-delimited directive
 * syntax can't express: reads up to the brace that balances the first one.
 */
export function extractJsonArgs(text: string): { text: string; args?: string } {
  const marker = "offline:args={";
  const start = text.indexOf(marker);
  if (start === -1 || (start > 0 && !/\s/.test(text[start - 1] ?? ""))) return { text };
  const open = start + marker.length - 1;
  let depth = 0;
  let inString = false;
  for (let index = open; index < text.length; index++) {
    const char = text[index];
    if (inString) {
      if (char === "\\") index++;
      else if (char === '"') inString = false;
    } else if (char === '"') inString = true;
    else if (char === "{") depth++;
    else if (char === "}" && --depth === 0) {
      return { text: `${text.slice(0, start)} ${text.slice(index + 1)}`, args: text.slice(open, index + 1) };
    }
  }
  return { text };
}

/** A message without its `offline:` directives (which only steer the stand-in): for titles and previews. */
export function withoutOfflineDirectives(text: string): string {
  return extractJsonArgs(text)
    .text.split(/\s+/)
    .filter((word) => word.length > 0 && !word.startsWith("offline:"))
    .join(" ");
}
