import { NextResponse } from "next/server";
import { appDesignRequested } from "@/inngest/events";
import { sendAfterCommit } from "@/inngest/send-after-commit";
import { requireViewer } from "@/server/auth/session";
import { createDesign } from "@/server/appgen/design/records";
import { createDesignBody } from "@/server/appgen/design/route-helpers";
import { getDeps } from "@/server/deps";
import { badRequest, notFound, parseJsonBody, refuseCrossSite } from "@/server/http";

/** A new design proposal for the viewer's project (PROPOSING); the model's work runs in the engine. */
export async function POST(req: Request) {
  const crossSite = refuseCrossSite(req);
  if (crossSite) return crossSite;
  const viewer = await requireViewer(req.headers);
  if (viewer instanceof NextResponse) return viewer;
  const body = await parseJsonBody(req, createDesignBody);
  if (!body.ok) return body.response;

  const { db } = await getDeps();
  const created = await createDesign(db, { organizationId: viewer.organizationId, ownerId: viewer.userId, projectId: body.data.projectId });
  if (!created) return notFound("Project not found");
  if (created === "no-brief") return badRequest([{ field: "projectId", message: "this project has no confirmed brief yet: finish the chat first" }], 409);

  const data = { organizationId: viewer.organizationId, ownerId: viewer.userId, projectId: body.data.projectId, designId: created.designId };
  // The design id is the event id: a resend can never start a second proposal for the same design.
  const { sent } = await sendAfterCommit(appDesignRequested.create(data, { id: created.designId }));
  const answer = { designId: created.designId };
  return NextResponse.json(sent ? answer : { ...answer, warning: "Saved, but the engine could not be told to start. Is the Inngest dev server running?" }, { status: 202 });
}
