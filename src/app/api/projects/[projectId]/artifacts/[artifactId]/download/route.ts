import { NextResponse } from "next/server";
import { requireViewer } from "@/server/auth/session";
import { getDeps } from "@/server/deps";
import { notFound } from "@/server/http";
import { isUuid } from "@/server/route-params";
import { artifactDownload, attachment } from "@/server/workspace/downloads";

/** The artifact as a file: ad copy, brief and plan as text, a picture as stored, a report as its PDF. */
export async function GET(req: Request, ctx: { params: Promise<{ projectId: string; artifactId: string }> }) {
  const viewer = await requireViewer(req.headers);
  if (viewer instanceof NextResponse) return viewer;
  const { projectId, artifactId } = await ctx.params;
  if (!isUuid(projectId) || !isUuid(artifactId)) return notFound("Artifact not found");
  const file = await artifactDownload(await getDeps(), { organizationId: viewer.organizationId, projectId, artifactId });
  if (!file.ok) return notFound(file.message);
  return new Response(Buffer.from(file.body), {
    headers: {
      "content-type": file.contentType,
      "content-disposition": attachment(file.filename),
      "cache-control": "private, no-store",
      "x-content-type-options": "nosniff",
    },
  });
}
