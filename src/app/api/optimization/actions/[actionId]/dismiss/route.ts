import { refuseCrossSite } from "@/server/http";
import { decideAction } from "../decide";

/** A member dismisses a suggested change ({}): nothing is changed on Facebook. */
export async function POST(req: Request, ctx: { params: Promise<{ actionId: string }> }) {
  const crossSite = refuseCrossSite(req);
  if (crossSite) return crossSite;
  return decideAction(req, ctx, "dismiss");
}
