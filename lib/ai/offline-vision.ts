import { imageInfo } from "@/lib/files/image-size";

/**
 * How the offline stand-in "looks" at images: workers-ai-provider sends each
 * image file part of a user message as an OpenAI-style content part,
 * `{ type: "image_url", image_url: { url: "data:<type>;base64,<bytes>" } }`.
 * The stand-in decodes those and says what it received (type, pixel size,
 * byte count), which proves the picture reached the binding; it sees nothing else.
 */

export interface WireImage {
  /** The media type the data URL declares. */
  declaredType: string;
  bytes: Uint8Array;
}

/** The images in one wire message's content, in order; malformed data URLs are skipped. */
export function wireImages(content: unknown): WireImage[] {
  if (!Array.isArray(content)) return [];
  const images: WireImage[] = [];
  for (const part of content as unknown[]) {
    if (!part || typeof part !== "object" || (part as { type?: unknown }).type !== "image_url") continue;
    const url = (part as { image_url?: { url?: unknown } }).image_url?.url;
    if (typeof url !== "string") continue;
    const match = /^data:([^;,]+);base64,(.*)$/s.exec(url);
    if (!match) continue;
    try {
      images.push({
        declaredType: match[1] ?? "",
        bytes: Uint8Array.from(atob(match[2] ?? ""), (c) => c.charCodeAt(0)),
      });
    } catch {
      // Not base64: the real service would reject it; here it simply isn't an image.
    }
  }
  return images;
}

/** One deterministic sentence per image, e.g. `image 1: image/png, 64×48 pixels, 1234 bytes`. */
export function describeWireImages(images: WireImage[]): string {
  const descriptions = images.map((image, i) => {
    const info = imageInfo(image.bytes);
    const what = info ? `${info.mediaType}, ${info.width}×${info.height} pixels` : `${image.declaredType}, unreadable`;
    return `image ${i + 1}: ${what}, ${image.bytes.length} bytes`;
  });
  const count = images.length === 1 ? "1 image" : `${images.length} images`;
  return `Offline mode — the stand-in received ${count} (${descriptions.join("; ")}). It cannot see pictures; it only reports what arrived.`;
}
