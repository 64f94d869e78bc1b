import { NextResponse } from "next/server";
import type { z } from "zod";

/**
 * Route-handler helpers: every input is parsed with zod and a bad one answers 4xx naming the
 * field, never a 500. Routes only validate, record and emit; long work belongs to Inngest.
 */
export type FieldError = { field: string; message: string };

export function fieldErrors(error: z.ZodError): FieldError[] {
  return error.issues.map((i) => ({ field: i.path.join(".") || "(body)", message: i.message }));
}

export function badRequest(errors: FieldError[], status = 400) {
  const first = errors[0];
  return NextResponse.json(
    { error: first ? `${first.field}: ${first.message}` : "Invalid request", fields: errors },
    { status },
  );
}

export function jsonError(status: number, message: string) {
  return NextResponse.json({ error: message }, { status });
}

export const notFound = (what = "Not found") => jsonError(404, what);
export const unauthorized = () => jsonError(401, "Sign in first");

/** Parses a JSON body against `schema`; returns either the data or the 4xx response to send. */
export async function parseJsonBody<T>(
  req: Request,
  schema: z.ZodType<T>,
  opts: { maxBytes?: number } = {},
): Promise<{ ok: true; data: T } | { ok: false; response: NextResponse }> {
  const maxBytes = opts.maxBytes ?? 64 * 1024;
  const raw = await req.text();
  if (Buffer.byteLength(raw) > maxBytes) {
    return { ok: false, response: jsonError(413, `Body is larger than ${maxBytes} bytes`) };
  }
  let body: unknown;
  try {
    body = raw.length ? JSON.parse(raw) : {};
  } catch {
    return { ok: false, response: badRequest([{ field: "(body)", message: "is not valid JSON" }]) };
  }
  const nul = findNulCharacter(body);
  if (nul !== null) return { ok: false, response: badRequest([{ field: nul || "(body)", message: "contains a NUL character" }]) };
  const parsed = schema.safeParse(body);
  if (!parsed.success) return { ok: false, response: badRequest(fieldErrors(parsed.error)) };
  return { ok: true, data: parsed.data };
}

/**
 * The path of the first string (or key) holding U+0000, or null. Postgres text cannot store it and
 * refuses it even as a query parameter, so it must be a 400 here rather than a 500 at the database.
 */
function findNulCharacter(root: unknown): string | null {
  // Iterative with parent links: a 64 KB body can nest arrays thousands deep, deeper than the stack.
  type Node = { value: unknown; key?: string; parent?: Node };
  const pathOf = (n: Node, tail: string[] = []): string => {
    const keys: string[] = [];
    for (let c: Node | undefined = n; c?.key !== undefined; c = c.parent) keys.push(c.key);
    return [...keys.reverse(), ...tail].join(".");
  };
  const stack: Node[] = [{ value: root }];
  for (let node = stack.pop(); node; node = stack.pop()) {
    const { value } = node;
    if (typeof value === "string" && value.includes("\u0000")) return pathOf(node);
    if (typeof value !== "object" || value === null) continue;
    for (const [key, child] of Object.entries(value).reverse()) {
      if (key.includes("\u0000")) return pathOf(node, ["(key)"]);
      stack.push({ value: child, key, parent: node });
    }
  }
  return null;
}
