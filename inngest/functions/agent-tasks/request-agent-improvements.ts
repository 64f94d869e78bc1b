import { cron } from "inngest";
import { env } from "@/env";
import { inngest } from "@/inngest/client";
import { agentImprovementsRequested } from "@/inngest/events";
import { organizationsWithFeedback } from "@/server/agent-tasks/improvements/load";
import { lastCompleteWeek } from "@/server/agent-tasks/improvements/week";

/**
 * On the improvement schedule (AGENT_IMPROVEMENTS_CRON, Mondays 06:00 UTC by default): one analysis
 * per organization that gave feedback in the last complete ISO week. The event id names organization
 * and week, so a retried or repeated tick asks for nothing new.
 */
export const requestAgentImprovements = inngest.createFunction(
  { id: "request-agent-improvements", triggers: [cron(env().AGENT_IMPROVEMENTS_CRON)] },
  async ({ step, deps }) => {
    const week = await step.run("pick-week", () => lastCompleteWeek(new Date()));
    const organizations = await step.run("list-organizations-with-feedback", () => organizationsWithFeedback(deps.db, week));
    if (!organizations.length) return { week, organizations: 0 };
    await step.sendEvent(
      "request-improvements",
      organizations.map((organizationId) => agentImprovementsRequested.create({ organizationId, week }, { id: `agent-improvements-${organizationId}-${week}` })),
    );
    return { week, organizations: organizations.length };
  },
);
