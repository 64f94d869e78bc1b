import { GET as getActivity } from "@/app/api/projects/[projectId]/activity/route";
import { GET as getArtifact } from "@/app/api/projects/[projectId]/artifacts/[artifactId]/route";
import { GET as downloadArtifact } from "@/app/api/projects/[projectId]/artifacts/[artifactId]/download/route";
import { GET as listArtifacts } from "@/app/api/projects/[projectId]/artifacts/route";
import { jsonRequest } from "../../support/viewers";

/** The workspace panel's routes called as the browser would, signed in with `cookie` (or not). */
export const panel = {
  list: (cookie: string | undefined, projectId: string) =>
    listArtifacts(jsonRequest(`/api/projects/${projectId}/artifacts`, { cookie }), { params: Promise.resolve({ projectId }) }),
  preview: (cookie: string | undefined, projectId: string, artifactId: string) =>
    getArtifact(jsonRequest(`/api/projects/${projectId}/artifacts/${artifactId}`, { cookie }), { params: Promise.resolve({ projectId, artifactId }) }),
  download: (cookie: string | undefined, projectId: string, artifactId: string) =>
    downloadArtifact(jsonRequest(`/api/projects/${projectId}/artifacts/${artifactId}/download`, { cookie }), { params: Promise.resolve({ projectId, artifactId }) }),
  activity: (cookie: string | undefined, projectId: string) =>
    getActivity(jsonRequest(`/api/projects/${projectId}/activity`, { cookie }), { params: Promise.resolve({ projectId }) }),
};

const ad = (name: string, headline: string) => ({ name, headline, primaryText: `${headline}, baked this morning.`, cta: "SIGN_UP", imagePrompt: "bread" });

/** A deployed plan with two ads in one audience. */
export const PLAN = {
  objective: "OUTCOME_LEADS",
  name: "Bakery leads",
  dailyBudgetCents: 3_000,
  summary: "Two ads for parents nearby.",
  adSets: [{ name: "Parents nearby", targeting: { countries: ["US"], ageMin: 25, ageMax: 45, interests: ["Baking"] }, ads: [ad("Morning loaf", "Fresh bread by 8am"), ad("Weekly box", "Sourdough every week")] }],
};
