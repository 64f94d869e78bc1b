import type { NextResponse } from "next/server";
import { getViewer, type Viewer } from "@/server/auth/session";
import { notFound, unauthorized } from "@/server/http";
import { isUuid } from "@/server/route-params";

export const sessionNotFound = () => notFound("Creative session not found");

/** The signed-in viewer and a well-formed id from the route, or the response to send instead. */
export async function readCreativeRequest<K extends "sessionId" | "versionId">(
  req: Request,
  ctx: { params: Promise<Record<K, string>> },
  key: K,
): Promise<{ ok: true; viewer: Viewer; id: string } | { ok: false; response: NextResponse }> {
  const viewer = await getViewer(req.headers);
  if (!viewer) return { ok: false, response: unauthorized() };
  const id = (await ctx.params)[key];
  // A malformed id cannot name any row: the same answer as another organization's.
  if (!isUuid(id)) return { ok: false, response: key === "sessionId" ? sessionNotFound() : notFound("Creative version not found") };
  return { ok: true, viewer, id };
}
