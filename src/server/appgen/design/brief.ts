import type { Db } from "@/server/db";
import type { DesignBrief } from "@/server/db/schema/appgen";
import type { BriefGoal } from "@/server/onboarding/brief-schema";
import { getLatestBrief, type ProjectBrief } from "@/server/onboarding/briefs";
import { getProject } from "@/server/projects";

/** What the design step knows about the business: the project's name and its current confirmed brief. */
export interface BusinessFacts {
  name: string;
  description: string;
  offer: string;
  audience: string;
  location: string;
  sellingPoint: string;
  goal: BriefGoal;
  website: string;
}

const GOAL_SENTENCES: Record<BriefGoal, string> = {
  LEADS: "Turn visitors from the ads into enquiries the owner can follow up.",
  SALES: "Turn visitors from the ads into paying customers.",
  TRAFFIC: "Give visitors from the ads a reason to stay, read and come back.",
  APP_INSTALLS: "Turn visitors from the ads into sign-ups for the app.",
};

export function businessFactsOf(projectName: string, brief: ProjectBrief): BusinessFacts {
  return {
    name: projectName.trim() || brief.businessDescription,
    description: brief.businessDescription,
    offer: brief.product,
    audience: brief.targetAudience,
    location: brief.location,
    sellingPoint: brief.uniqueSellingPoint,
    goal: brief.goal,
    website: brief.websiteUrl,
  };
}

/** The brief as the generation spec carries it (src/server/appgen/spec.ts `briefSpec`). */
export function designBriefOf(facts: BusinessFacts): DesignBrief {
  return {
    title: facts.name.slice(0, 120),
    details: `${facts.description}. Offer: ${facts.offer}. What sets it apart: ${facts.sellingPoint}. Where: ${facts.location}. Current website: ${facts.website}.`.slice(0, 4000),
    audience: facts.audience.slice(0, 1000),
    goals: GOAL_SENTENCES[facts.goal],
  };
}

/** The project's facts, or why there are none: not this organization's project, or no confirmed brief yet. */
export async function loadBusinessFacts(
  db: Db,
  scope: { organizationId: string; projectId: string },
): Promise<{ ok: true; facts: BusinessFacts } | { ok: false; reason: "no-project" | "no-brief" }> {
  const project = await getProject(db, scope.organizationId, scope.projectId);
  if (!project) return { ok: false, reason: "no-project" };
  const brief = await getLatestBrief(db, scope);
  if (!brief) return { ok: false, reason: "no-brief" };
  return { ok: true, facts: businessFactsOf(project.name, brief) };
}
