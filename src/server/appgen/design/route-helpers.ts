import { NextResponse } from "next/server";
import { z } from "zod";
import { getViewer, type Viewer } from "@/server/auth/session";
import { notFound, unauthorized } from "@/server/http";
import { isUuid } from "@/server/route-params";

export const createDesignBody = z.object({
  projectId: z.uuid("must be a project id"),
});

export const designNotFound = () => notFound("Design not found");

/** The signed-in viewer and a well-formed design id, or the answer to send instead. */
export async function readDesignRequest(
  req: Request,
  ctx: { params: Promise<{ designId: string }> },
): Promise<{ ok: true; viewer: Viewer; designId: string } | { ok: false; response: NextResponse }> {
  const viewer = await getViewer(req.headers);
  if (!viewer) return { ok: false, response: unauthorized() };
  const { designId } = await ctx.params;
  // A malformed id cannot name any row: the same answer as another owner's design.
  if (!isUuid(designId)) return { ok: false, response: designNotFound() };
  return { ok: true, viewer, designId };
}
