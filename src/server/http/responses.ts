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
export const forbidden = (message: string) => jsonError(403, message);

