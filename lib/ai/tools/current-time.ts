import { tool, zodSchema } from "ai";
import { z } from "zod";

export const currentTimeInput = z.object({
  timeZone: z
    .string()
    .min(1)
    .max(64)
    .describe('An IANA time zone name such as "Europe/Paris" or "America/New_York". Use "UTC" when unsure.'),
});
// Wrapped once: the SDK caches the JSON Schema it sends the model on the wrapper, not on the zod object.
const currentTimeInputSchema = zodSchema(currentTimeInput);

export interface CurrentTimeOutput {
  timeZone: string;
  iso: string;
  localTime: string;
}

/** Tells the model the current date and time in a named time zone (models have no clock). */
export const currentTime = tool({
  description: "Get the current date and time in a given IANA time zone.",
  inputSchema: currentTimeInputSchema,
  execute: async ({ timeZone }): Promise<CurrentTimeOutput> => {
    const now = new Date();
    let localTime: string;
    try {
      localTime = new Intl.DateTimeFormat("en-US", {
        timeZone,
        dateStyle: "full",
        timeStyle: "long",
      }).format(now);
    } catch {
      // Thrown errors become tool errors the model (and the user) can read.
      throw new Error(`Unknown time zone "${timeZone}". Use an IANA name such as "Europe/Paris".`);
    }
    return { timeZone, iso: now.toISOString(), localTime };
  },
});
