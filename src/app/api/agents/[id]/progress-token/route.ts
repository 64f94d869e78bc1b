import { NextResponse } from "next/server";
import { getClientSubscriptionToken } from "inngest/react";
import { inngest } from "@/inngest/client";
import { agentTaskChannel } from "@/inngest/realtime/agent-tasks";
import { findIssueInOrganization } from "@/server/agent-tasks/views/find-issue";
import { requireViewer } from "@/server/auth/session";
import { getDeps } from "@/server/deps";
import { notFound } from "@/server/http";

/** A short-lived token to watch one agent task live, for members of its organization only. */
export async function GET(req: Request, ctx: { params: Promise<{ id: string }> }) {
  const viewer = await requireViewer(req.headers);
  if (viewer instanceof NextResponse) return viewer;
  const { id } = await ctx.params;
  const { db } = await getDeps();
  const issue = await findIssueInOrganization(db, { organizationId: viewer.organizationId, issueId: id });
  if (!issue) return notFound("Agent task not found");
  try {
    const token = await getClientSubscriptionToken(inngest, { channel: agentTaskChannel({ issueId: issue.id }), topics: ["status", "tool"] });
    return NextResponse.json({ token });
  } catch (error) {
    // The engine is down or refused: the page polls the stored rows instead.
    console.error("agent task progress token could not be minted", { issueId: issue.id, error: String(error) });
    return NextResponse.json({ error: "Live status is unavailable (is the Inngest dev server running?); the page refreshes every few seconds instead." }, { status: 503 });
  }
}
