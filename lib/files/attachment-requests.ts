import { z } from "zod";

/** The longest file name kept for display; longer ones are cut, not refused. */
const MAX_FILE_NAME_CHARS = 200;

/** POST /api/chats/:id/attachments?name=<file name>: the image is the raw body. */
export const attachmentQuery = z.object({
  name: z
    .string()
    .optional()
    .transform((name) => {
      // Only the base name, without control characters: it is shown to people, never used as a path.
      const base = (name ?? "").split(/[\\/]/).at(-1) ?? "";
      const clean = base.replace(/[\u0000-\u001f\u007f]/g, "").trim();
      return Array.from(clean).slice(0, MAX_FILE_NAME_CHARS).join("") || "image";
    }),
});
