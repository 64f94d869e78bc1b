import { NextResponse } from "next/server";
import { privateJson } from "@/server/agent-tasks/route-helpers";
import { createSchedule, deleteSchedule, deleteScheduleBody, listSchedules, scheduleBody } from "@/server/agent-tasks/schedules";
import { requireViewer } from "@/server/auth/session";
import { getDeps } from "@/server/deps";
import { notFound, parseJsonBody, refuseCrossSite } from "@/server/http";

/** A recurring task ("every Monday, review last week's ads"): a 5-field cron in UTC. 201 with the schedule. */
export async function POST(req: Request) {
  const crossSite = refuseCrossSite(req);
  if (crossSite) return crossSite;
  const viewer = await requireViewer(req.headers);
  if (viewer instanceof NextResponse) return viewer;
  const body = await parseJsonBody(req, scheduleBody);
  if (!body.ok) return body.response;
  const { db } = await getDeps();
  const schedule = await createSchedule(db, { ...body.data, organizationId: viewer.organizationId, createdById: viewer.userId });
  if (!schedule) return notFound("Project not found");
  return privateJson({ schedule }, { status: 201 });
}

/** The organization's schedules. */
export async function GET(req: Request) {
  const viewer = await requireViewer(req.headers);
  if (viewer instanceof NextResponse) return viewer;
  const { db } = await getDeps();
  return privateJson({ schedules: await listSchedules(db, viewer.organizationId) });
}

/** Stops a schedule: body `{ scheduleId }`. Tasks it already made stay. */
export async function DELETE(req: Request) {
  const crossSite = refuseCrossSite(req);
  if (crossSite) return crossSite;
  const viewer = await requireViewer(req.headers);
  if (viewer instanceof NextResponse) return viewer;
  const body = await parseJsonBody(req, deleteScheduleBody);
  if (!body.ok) return body.response;
  const { db } = await getDeps();
  if (!(await deleteSchedule(db, viewer.organizationId, body.data.scheduleId))) return notFound("Schedule not found");
  return privateJson({ deleted: body.data.scheduleId });
}
