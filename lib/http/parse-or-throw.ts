import type { z } from "zod";
import { HttpError } from "./http-error";

/** Validates input with a zod schema, turning the first problem into a 400 that says where it is. */
export function parseOrThrow<Schema extends z.ZodType>(schema: Schema, value: unknown): z.infer<Schema> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = issue && issue.path.length > 0 ? `${issue.path.join(".")}: ` : "";
  throw new HttpError(400, "invalid_request", `${where}${issue?.message ?? "invalid request"}`);
}

/** Query parameters as a plain object, ready for a zod schema. */
export function searchParamsOf(request: Request): Record<string, string> {
  return Object.fromEntries(new URL(request.url).searchParams);
}
