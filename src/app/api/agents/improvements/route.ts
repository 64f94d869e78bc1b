import { NextResponse } from "next/server";
import { listImprovements } from "@/server/agent-tasks/improvements/board";
import { requireViewer } from "@/server/auth/session";
import { getDeps } from "@/server/deps";

/** The organization's improvement board: every card the weekly analysis made, with its decision. */
export async function GET(req: Request) {
  const viewer = await requireViewer(req.headers);
  if (viewer instanceof NextResponse) return viewer;
  const { db } = await getDeps();
  const improvements = await listImprovements(db, viewer.organizationId);
  return NextResponse.json({ improvements, canDecide: viewer.role === "OWNER" }, { headers: { "cache-control": "private, no-store" } });
}
