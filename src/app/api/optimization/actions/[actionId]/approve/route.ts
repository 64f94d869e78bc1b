import { refuseCrossSite } from "@/server/http";
import { decideAction } from "../decide";

/** A member approves a suggested change ({ confirm: true }); applying starts from the event, never here. */
export async function POST(req: Request, ctx: { params: Promise<{ actionId: string }> }) {
  const crossSite = refuseCrossSite(req);
  if (crossSite) return crossSite;
  return decideAction(req, ctx, "approve");
}
