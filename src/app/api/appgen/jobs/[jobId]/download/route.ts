import { createDownloadLink } from "@/server/appgen/download";
import { privateJson, readOwnedJobRequest } from "@/server/appgen/route-helpers";
import { jsonError } from "@/server/http";

/** `{ url, expiresAt }`: a signed link to the job's ZIP, valid 15 minutes (owner only). */
export async function POST(req: Request, ctx: { params: Promise<{ jobId: string }> }) {
  const request = await readOwnedJobRequest(req, ctx);
  if (!request.ok) return request.response;
  const { db, services } = request.deps;
  const link = await createDownloadLink({ db, storage: services.storage }, request.job);
  if (!link.ok) return jsonError(link.status, link.message);
  return privateJson({ url: link.url, expiresAt: link.expiresAt });
}
