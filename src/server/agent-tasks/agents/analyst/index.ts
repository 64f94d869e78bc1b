import { askModel } from "../model";
import { campaignName, readCampaigns, readCampaignSnapshots, type ProjectCampaign } from "../project-reads";
import { callTool, type AgentLog } from "../tool-log";
import type { AgentDeps, AgentIssueInput, ArtifactDraft } from "../types";
import { ANALYST_PURPOSE, ANALYST_SYSTEM, diagnosisSchema } from "./diagnosis";
import { analysisMarkdown } from "./report";
import { weekOverWeek } from "./week-over-week";

const noData = (content: string): { summary: string; artifacts: ArtifactDraft[] } => ({
  summary: content,
  artifacts: [{ type: "RECOMMENDATION", name: "analysis-unavailable", content }],
});

/** The campaign the task is about: the one named in its context, else the latest with any delivery. */
function pickCampaign(campaigns: ProjectCampaign[], context: Record<string, unknown>): ProjectCampaign | undefined {
  const wanted = typeof context.campaignId === "string" ? context.campaignId : null;
  return campaigns.find((c) => c.id === wanted) ?? campaigns.find((c) => c.fbCampaignId);
}

/** analyst: reads the campaign's daily numbers, computes week over week, and asks the model why. */
export async function runAnalyst(deps: AgentDeps, input: AgentIssueInput, log: AgentLog) {
  if (!input.projectId) return noData("This task is not about a project, so there are no campaign numbers to analyse.");
  const scope = { organizationId: input.organizationId, projectId: input.projectId };
  const campaigns = await callTool(log, { tool: "read_campaigns", input: scope, run: () => readCampaigns(deps, scope), describe: (c) => `${c.length} campaigns` });
  const campaign = pickCampaign(campaigns, input.context);
  if (!campaign) return noData("The project has no campaign running on Facebook yet, so there are no numbers to analyse.");
  const snapshotScope = { organizationId: input.organizationId, campaignId: campaign.id, days: 14 };
  const daily = await callTool(log, { tool: "read_snapshots", input: snapshotScope, run: () => readCampaignSnapshots(deps, snapshotScope), describe: (r) => `${r.length} days` });
  const figures = weekOverWeek(daily);
  if (!figures) return noData(`${campaignName(campaign)} has no performance numbers pulled yet; ask again after its first full day.`);
  const name = campaignName(campaign);
  const facts = { campaign: name, figures };
  const diagnosis = await callTool(log, {
    tool: "diagnose",
    input: { campaign: name, change: figures.change },
    run: () => askModel(deps, input, { purpose: ANALYST_PURPOSE, schema: diagnosisSchema, system: ANALYST_SYSTEM, facts }),
    describe: (d) => `${d.causes.length} causes, ${d.tryNext.length} suggestions`,
  });
  const cpl = figures.change.costPerLeadCents;
  return {
    summary: `${name}: cost per lead ${cpl === null || cpl === undefined ? "has no comparison" : `${cpl > 0 ? "+" : ""}${cpl}% week over week`}. ${diagnosis.causes[0]}`,
    artifacts: [
      {
        type: "ANALYSIS" as const,
        name: "week-over-week",
        content: analysisMarkdown({ campaign: name, currency: campaign.currency, figures, diagnosis }),
        metadata: { campaignId: campaign.id, figures },
      },
    ],
  };
}
