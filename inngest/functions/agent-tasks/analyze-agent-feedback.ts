import { inngest } from "@/inngest/client";
import { agentImprovementsRequested } from "@/inngest/events";
import { findImprovementPatterns, saveImprovements } from "@/server/agent-tasks/improvements/analyze";
import { loadPoorFeedback } from "@/server/agent-tasks/improvements/load";
import type { AgentType } from "@/server/db/schema";

/**
 * One organization's week of feedback: the poorly rated work grouped by agent type, the model's
 * 1–3 patterns for each, saved as ANALYZED cards on the improvement board. Agent types that already
 * have cards for the week are skipped, so a repeat asks the model nothing and writes nothing.
 */
export const analyzeAgentFeedback = inngest.createFunction(
  {
    id: "analyze-agent-feedback",
    triggers: [agentImprovementsRequested],
    concurrency: { key: "event.data.organizationId", limit: 1 },
    retries: 2,
  },
  async ({ event, step, deps, runId }) => {
    const { organizationId, week } = event.data;
    const groups = await step.run("load-poor-feedback", () => loadPoorFeedback(deps.db, { organizationId, week }));
    const saved: Record<string, number> = {};
    for (const [agentType, items] of Object.entries(groups)) {
      const found = await step.run(`find-patterns-${agentType}`, () =>
        findImprovementPatterns(deps.services.llm, { agentType, items, usage: { organizationId, runId, feature: "agent-tasks", dedupeKey: `agent-improvements:${organizationId}:${week}:${agentType}` } }),
      );
      const cards = await step.run(`save-cards-${agentType}`, () =>
        saveImprovements(deps.db, { organizationId, agentType: agentType as AgentType, week, patterns: found.patterns }),
      );
      saved[agentType] = cards.improvementIds.length;
    }
    return { week, cards: saved };
  },
);
