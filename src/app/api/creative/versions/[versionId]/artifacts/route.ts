import { NextResponse } from "next/server";
import { readCreativeRequest } from "@/server/creative/route-helpers";
import { listVersionArtifacts } from "@/server/creative/view";
import { getDeps } from "@/server/deps";
import { notFound } from "@/server/http";

/** A version's stored files, each with a one-hour signed download link. */
export async function GET(req: Request, ctx: { params: Promise<{ versionId: string }> }) {
  const request = await readCreativeRequest(req, ctx, "versionId");
  if (!request.ok) return request.response;
  const { db, services } = await getDeps();
  const listed = await listVersionArtifacts({ db, storage: services.storage }, { organizationId: request.viewer.organizationId, versionId: request.id });
  if (!listed) return notFound("Creative version not found");
  return NextResponse.json(listed, { headers: { "cache-control": "private, no-store" } });
}
