import { NextResponse } from "next/server";
import { requireViewer } from "@/server/auth/session";
import { listVersionArtifacts } from "@/server/creative/view";
import { getDeps } from "@/server/deps";
import { notFound } from "@/server/http";
import { isUuid } from "@/server/route-params";

/** A version's stored files, each with a one-hour signed download link. */
export async function GET(req: Request, ctx: { params: Promise<{ versionId: string }> }) {
  const viewer = await requireViewer(req.headers);
  if (viewer instanceof NextResponse) return viewer;
  const { versionId } = await ctx.params;
  if (!isUuid(versionId)) return notFound("Creative version not found");
  const { db, services } = await getDeps();
  const listed = await listVersionArtifacts({ db, storage: services.storage }, { organizationId: viewer.organizationId, versionId });
  if (!listed) return notFound("Creative version not found");
  return NextResponse.json(listed, { headers: { "cache-control": "private, no-store" } });
}
