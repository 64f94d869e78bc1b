import { NextResponse } from "next/server";
import { getDeps } from "@/server/deps";
import { unauthorized } from "@/server/http";
import { authFor } from "./auth";
import { provisionOrganization, type MembershipRole } from "./organization";

/** Who is asking, and in which organization. Every tenant-scoped query filters by organizationId. */
export interface Viewer {
  userId: string;
  email: string;
  name: string;
  organizationId: string;
  organizationName: string;
  role: MembershipRole;
}

/** The signed-in viewer for a request's headers (session cookie), or null. */
export async function getViewer(headers: Headers): Promise<Viewer | null> {
  const { db } = await getDeps();
  const session = await authFor(db).api.getSession({ headers });
  if (!session) return null;
  const { user } = session;
  // Normally created at sign-up; this covers a crash between the user and org commits.
  const membership = await provisionOrganization(db, user);
  return {
    userId: user.id,
    email: user.email,
    name: user.name,
    organizationId: membership.organizationId,
    organizationName: membership.organizationName,
    role: membership.role,
  };
}

/**
 * For route handlers: `const viewer = await requireViewer(req.headers);
 * if (viewer instanceof NextResponse) return viewer;`
 */
export async function requireViewer(headers: Headers): Promise<Viewer | NextResponse> {
  const viewer = await getViewer(headers);
  return viewer ?? unauthorized();
}
