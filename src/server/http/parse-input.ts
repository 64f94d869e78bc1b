import type { NextResponse } from "next/server";
import type { z } from "zod";
import { DEFAULT_MAX_BODY_BYTES, readBodyCapped } from "./read-body";
import { badRequest, fieldErrors, jsonError } from "./responses";
import { CONTROL_CHARACTER_MESSAGE, findControlCharacter } from "./safe-text";

export type Parsed<T> = { ok: true; data: T } | { ok: false; response: NextResponse };

function validate<T>(input: unknown, schema: z.ZodType<T>, rootName: string): Parsed<T> {
  const bad = findControlCharacter(input);
  if (bad !== null) return { ok: false, response: badRequest([{ field: bad || rootName, message: CONTROL_CHARACTER_MESSAGE }]) };
  const parsed = schema.safeParse(input);
  if (!parsed.success) return { ok: false, response: badRequest(fieldErrors(parsed.error)) };
  return { ok: true, data: parsed.data };
}

/** Parses a JSON body against `schema`, reading at most `maxBytes`; returns the data or the 4xx to send. */
export async function parseJsonBody<T>(req: Request, schema: z.ZodType<T>, opts: { maxBytes?: number } = {}): Promise<Parsed<T>> {
  const body = await readBodyCapped(req, opts.maxBytes ?? DEFAULT_MAX_BODY_BYTES);
  if (!body.ok) return { ok: false, response: jsonError(413, `Body is larger than ${body.maxBytes} bytes`) };
  let json: unknown;
  try {
    json = body.text.length ? JSON.parse(body.text) : {};
  } catch {
    return { ok: false, response: badRequest([{ field: "(body)", message: "is not valid JSON" }]) };
  }
  return validate(json, schema, "(body)");
}

/** Parses the query string against `schema` (one value per key, the last wins), refusing control characters. */
export function parseQuery<T>(req: Request, schema: z.ZodType<T>): Parsed<T> {
  return validate(Object.fromEntries(new URL(req.url).searchParams), schema, "(query)");
}
