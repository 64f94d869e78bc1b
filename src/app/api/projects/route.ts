import { NextResponse } from "next/server";
import { inngest } from "@/inngest/client";
import { projectCreated } from "@/inngest/events/project";
import { requireViewer } from "@/server/auth/session";
import { getDeps } from "@/server/deps";
import { parseJsonBody, refuseCrossSite } from "@/server/http";
import { createProject, createProjectBody, listProjects } from "@/server/projects";

export async function GET(req: Request) {
  const viewer = await requireViewer(req.headers);
  if (viewer instanceof NextResponse) return viewer;
  const { db } = await getDeps();
  return NextResponse.json({ projects: await listProjects(db, viewer.organizationId) });
}

/** Records the project, then (only once the insert has committed) tells the agency it exists. */
export async function POST(req: Request) {
  const crossSite = refuseCrossSite(req);
  if (crossSite) return crossSite;
  const viewer = await requireViewer(req.headers);
  if (viewer instanceof NextResponse) return viewer;
  const body = await parseJsonBody(req, createProjectBody);
  if (!body.ok) return body.response;

  const { db } = await getDeps();
  const project = await createProject(db, {
    organizationId: viewer.organizationId,
    createdById: viewer.userId,
    name: body.data.name,
    websiteUrl: body.data.websiteUrl,
  });

  try {
    // Event id derived from the project so a resend after a retry is deduplicated by Inngest.
    await inngest.send(
      projectCreated.create(
        { organizationId: viewer.organizationId, projectId: project.id, userId: viewer.userId, name: project.name },
        { id: `project-created-${project.id}` },
      ),
    );
  } catch (error) {
    // The project is saved either way; say plainly that the follow-up work did not start.
    console.error("project/created could not be sent", { projectId: project.id, error: String(error) });
    return NextResponse.json(
      { project, warning: "Project saved, but the agency could not be notified. Is the Inngest dev server running?" },
      { status: 201 },
    );
  }
  return NextResponse.json({ project }, { status: 201 });
}
