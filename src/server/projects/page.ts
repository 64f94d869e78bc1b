import { notFound } from "next/navigation";
import { cache } from "react";
import { requirePageViewer } from "@/server/auth/page";
import { getDeps } from "@/server/deps";
import { getProject } from "./projects";

/**
 * For pages under /projects/[projectId]: the viewer and their project, or Next's 404 page for a
 * missing or foreign one. Cached per request so the layout and the page share one lookup.
 */
export const requirePageProject = cache(async (projectId: string) => {
  const viewer = await requirePageViewer();
  const { db } = await getDeps();
  const project = await getProject(db, viewer.organizationId, projectId);
  if (!project) notFound();
  return { viewer, project };
});
