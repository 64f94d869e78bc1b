import { money } from "@/server/performance/plain-words";
import { explainMetricInput, type MetricName } from "../tool-inputs";
import type { AgentTool } from "./types";
import { findLiveCampaign } from "./live-campaign";
import { lastWeekFigures, type WeekFigures } from "./week-figures";

const MEANINGS: Record<MetricName, string> = {
  ctr: "Click rate (CTR) is the share of people who saw the ad and clicked it: 2% means 2 clicks for every 100 views.",
  cpc: "Cost per click (CPC) is what one click on the ad cost on average: the spend divided by the clicks.",
  cpm: "Cost per 1,000 views (CPM) is what it cost to show the ad 1,000 times.",
  cost_per_result:
    "Cost per result is what one result (a sale, a lead, a visit: whatever the campaign aims for) cost on average: the spend divided by the results.",
  roas: "Return on ad spend (ROAS) is the money that came back per unit spent: 3× means every 1 spent brought 3 in sales.",
  reach: "Reach is how many different people saw the ad at least once.",
  frequency: "Frequency is how many times, on average, each person saw the ad. Much above 3 and people start tuning it out.",
  impressions: "Impressions are how many times the ad was shown in total, counting the same person more than once.",
  conversions: "Conversions (results) are the actions the campaign is for: purchases, leads or visits, as Facebook counts them.",
  spend: "Spend is the money the campaign used on Facebook.",
};

const fmt = new Intl.NumberFormat("en-US", { maximumFractionDigits: 2 });

function valueOf(metric: MetricName, f: WeekFigures, currency: string): string | null {
  const cents = (c: number | null) => (c === null ? null : money(c, currency));
  const values: Record<MetricName, string | null> = {
    ctr: f.ctr === null ? null : `${fmt.format(f.ctr)}%`,
    cpc: cents(f.cpcCents),
    cpm: cents(f.cpmCents),
    cost_per_result: cents(f.costPerResultCents),
    roas: f.roas === null ? null : `${fmt.format(f.roas)}×`,
    reach: fmt.format(f.reach),
    frequency: f.frequency === null ? null : fmt.format(f.frequency),
    impressions: fmt.format(f.impressions),
    conversions: fmt.format(f.conversions),
    spend: money(f.spendCents, currency),
  };
  return values[metric];
}

/** What a number means, in plain words, and this campaign's value over its last 7 days when known. */
export const explainMetric: AgentTool<{ metric: MetricName }> = {
  name: "explain_metric",
  input: explainMetricInput,
  async run(ctx, input) {
    const meaning = MEANINGS[input.metric];
    const record = await findLiveCampaign(ctx.deps.db, ctx);
    const figures = record ? await lastWeekFigures(ctx.deps.db, record) : null;
    const value = record && figures ? valueOf(input.metric, figures, record.currency) : null;
    const own = value ? ` For this campaign over the last ${figures!.days} days it is ${value}.` : " There is no value for this campaign yet.";
    return { status: "done", summary: `${meaning}${own}` };
  },
};
