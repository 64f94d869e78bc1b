import { z } from "zod";
import { badRequest, fieldErrors } from "@/server/http";
import type { Parsed } from "@/server/http";
import { CONTROL_CHARACTER_MESSAGE, findControlCharacter } from "@/server/http/safe-text";

// Facebook batches at most 1,000 changes per delivery; more is not Facebook, and each one is an event.
export const MAX_CHANGES_PER_DELIVERY = 1000;
// Real values nest two or three levels; the bound keeps hashing and serialising far from the stack limit.
export const MAX_VALUE_DEPTH = 32;

const id = z.union([z.string().min(1).max(256), z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER)]);

/** Facebook's envelope. Extra fields anywhere are tolerated (Facebook adds some); the raw body keeps them. */
export const deliverySchema = z.object({
  object: z.string().min(1).max(100),
  entry: z
    .array(
      z.object({
        id: id.transform(String),
        time: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
        // Entries without `changes` (Messenger's `messaging`, for one) are acknowledged and recorded.
        changes: z
          .array(z.object({ field: z.string().min(1).max(200), value: z.record(z.string(), z.unknown()) }))
          .max(MAX_CHANGES_PER_DELIVERY)
          .default([]),
      }),
    )
    .max(MAX_CHANGES_PER_DELIVERY),
});

export type Delivery = z.output<typeof deliverySchema>;

/** The path of the first value nested deeper than `max`, or null (iterative: the input may nest thousands deep). */
export function findTooDeep(root: unknown, max: number): string | null {
  const stack: { value: unknown; path: string[] }[] = [{ value: root, path: [] }];
  for (let node = stack.pop(); node; node = stack.pop()) {
    if (typeof node.value !== "object" || node.value === null) continue;
    if (node.path.length > max) return node.path.join(".");
    for (const [key, child] of Object.entries(node.value)) stack.push({ value: child, path: [...node.path, key] });
  }
  return null;
}

/** Parses signed bytes into Facebook's envelope, or the 400 naming what is wrong. */
export function parseDelivery(raw: Uint8Array): Parsed<{ text: string; delivery: Delivery }> {
  const refuse = (field: string, message: string): Parsed<never> => ({ ok: false, response: badRequest([{ field, message }]) });
  let text: string;
  let json: unknown;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(raw);
  } catch {
    return refuse("(body)", "is not valid UTF-8");
  }
  try {
    json = JSON.parse(text);
  } catch {
    return refuse("(body)", "is not valid JSON");
  }
  const control = findControlCharacter(json);
  if (control !== null) return refuse(control || "(body)", CONTROL_CHARACTER_MESSAGE);
  const parsed = deliverySchema.safeParse(json);
  if (!parsed.success) return { ok: false, response: badRequest(fieldErrors(parsed.error)) };
  for (const [e, entry] of parsed.data.entry.entries()) {
    for (const [c, change] of entry.changes.entries()) {
      const deep = findTooDeep(change.value, MAX_VALUE_DEPTH);
      if (deep !== null) return refuse(`entry.${e}.changes.${c}.value.${deep}`, `nests deeper than ${MAX_VALUE_DEPTH} levels`);
    }
  }
  const changes = parsed.data.entry.reduce((n, e) => n + e.changes.length, 0);
  if (changes > MAX_CHANGES_PER_DELIVERY) return refuse("entry", `holds ${changes} changes, more than ${MAX_CHANGES_PER_DELIVERY}`);
  return { ok: true, data: { text, delivery: parsed.data } };
}
