import { loadDesignView } from "@/server/appgen/design/records";
import { designNotFound, readDesignRequest } from "@/server/appgen/design/route-helpers";
import { privateJson } from "@/server/appgen/route-helpers";
import { getDeps } from "@/server/deps";

/** The owner's design: status, brief, style, pages with their preview options, which model made it. */
export async function GET(req: Request, ctx: { params: Promise<{ designId: string }> }) {
  const request = await readDesignRequest(req, ctx);
  if (!request.ok) return request.response;
  const { db } = await getDeps();
  const view = await loadDesignView(db, { organizationId: request.viewer.organizationId, ownerId: request.viewer.userId, designId: request.designId });
  return view ? privateJson(view) : designNotFound();
}
