import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { getViewer, type Viewer } from "./session";

/** For server components: the viewer of the current request, or null. */
export async function getPageViewer(): Promise<Viewer | null> {
  return getViewer(new Headers(await headers()));
}

/** For signed-in pages: the viewer, or a redirect to sign-in. */
export async function requirePageViewer(): Promise<Viewer> {
  const viewer = await getPageViewer();
  if (!viewer) redirect("/sign-in");
  return viewer;
}
