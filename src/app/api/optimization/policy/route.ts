import { NextResponse } from "next/server";
import { requireViewer } from "@/server/auth/session";
import { getDeps } from "@/server/deps";
import { parseJsonBody, refuseCrossSite } from "@/server/http";
import { DEFAULT_AUTONOMY_POLICY, autonomyPolicySchema, loadAutonomyPolicy, saveAutonomyPolicy } from "@/server/optimization/policy";

/** The viewer's organization's autonomy policy (the safe defaults until someone saves one), with the defaults. */
export async function GET(req: Request) {
  const viewer = await requireViewer(req.headers);
  if (viewer instanceof NextResponse) return viewer;
  const { db } = await getDeps();
  const policy = await loadAutonomyPolicy(db, viewer.organizationId);
  return NextResponse.json({ policy, defaults: DEFAULT_AUTONOMY_POLICY });
}

/**
 * Replaces the policy as a whole (every field, validated; 400 names the field). It applies to what the
 * agency does next and to proposals not applied yet: applying re-checks the policy as it stands then.
 */
export async function PUT(req: Request) {
  const crossSite = refuseCrossSite(req);
  if (crossSite) return crossSite;
  const viewer = await requireViewer(req.headers);
  if (viewer instanceof NextResponse) return viewer;
  const body = await parseJsonBody(req, autonomyPolicySchema);
  if (!body.ok) return body.response;
  const { db } = await getDeps();
  const policy = await saveAutonomyPolicy(db, { organizationId: viewer.organizationId, userId: viewer.userId, policy: body.data });
  return NextResponse.json({ policy });
}
