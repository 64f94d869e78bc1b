import { and, desc, eq } from "drizzle-orm";
import { creativeHooks, creativeSessions } from "@/server/db/schema";
import { askModel } from "../model";
import { readBrief } from "../project-reads";
import { callTool, type AgentLog } from "../tool-log";
import type { AgentDeps, AgentIssueInput, ArtifactDraft } from "../types";
import { COPYWRITER_PURPOSE, COPYWRITER_SYSTEM, hooksSchema, requestedCount, requestedTheme, type Hook } from "./hooks";

/** The hooks of the project's latest creative session (its newest version's), so new ones do not repeat them. */
async function readLatestHooks(deps: AgentDeps, scope: { organizationId: string; projectId: string }) {
  const [session] = await deps.db
    .select({ id: creativeSessions.id })
    .from(creativeSessions)
    .where(and(eq(creativeSessions.organizationId, scope.organizationId), eq(creativeSessions.projectId, scope.projectId)))
    .orderBy(desc(creativeSessions.createdAt))
    .limit(1);
  if (!session) return [];
  return deps.db
    .select({ headline: creativeHooks.headline, primaryText: creativeHooks.primaryText, versionId: creativeHooks.versionId })
    .from(creativeHooks)
    .where(and(eq(creativeHooks.organizationId, scope.organizationId), eq(creativeHooks.sessionId, session.id)))
    .orderBy(desc(creativeHooks.number));
}

const copyMarkdown = (hooks: Hook[], theme: string) =>
  [`# ${hooks.length} new hooks${theme ? ` for the ${theme}` : ""}`, "", ...hooks.flatMap((h, i) => [`## ${i + 1}. ${h.angle}`, `**Headline:** ${h.headline}`, "", `**Primary text:** ${h.primaryText}`, ""])].join("\n");

/** copywriter: new hooks from the brief (and not repeating the latest creative session's), as a COPY artifact. */
export async function runCopywriter(deps: AgentDeps, input: AgentIssueInput, log: AgentLog) {
  const fail = (content: string) => ({ summary: content, artifacts: [{ type: "RECOMMENDATION", name: "copy-unavailable", content }] as ArtifactDraft[] });
  if (!input.projectId) return fail("This task is not about a project, so there is no brief to write copy from.");
  const scope = { organizationId: input.organizationId, projectId: input.projectId };
  const brief = await callTool(log, { tool: "read_brief", input: scope, run: () => readBrief(deps, scope), describe: (b) => (b ? "brief found" : "no brief") });
  if (!brief) return fail("The project has no confirmed brief yet: finish onboarding first, then ask for copy again.");
  const existing = await callTool(log, { tool: "read_creative_hooks", input: scope, run: () => readLatestHooks(deps, scope), describe: (h) => `${h.length} existing hooks` });
  const words = `${input.title}. ${input.description}`;
  const facts = {
    brief: { businessDescription: brief.businessDescription, product: brief.product, targetAudience: brief.targetAudience, uniqueSellingPoint: brief.uniqueSellingPoint, location: brief.location },
    theme: requestedTheme(words),
    count: requestedCount(words),
    existingHeadlines: existing.map((h) => h.headline),
  };
  const { hooks } = await callTool(log, {
    tool: "draft_copy",
    input: { theme: facts.theme, count: facts.count },
    run: () => askModel(deps, input, { purpose: COPYWRITER_PURPOSE, schema: hooksSchema, system: COPYWRITER_SYSTEM, facts }),
    describe: (r) => `${r.hooks.length} hooks`,
  });
  return {
    summary: `${hooks.length} new hooks${facts.theme ? ` for the ${facts.theme}` : ""}, each within Facebook's headline and text limits.`,
    artifacts: [{ type: "COPY" as const, name: "hooks", content: copyMarkdown(hooks, facts.theme), metadata: { hooks, theme: facts.theme } }],
  };
}
