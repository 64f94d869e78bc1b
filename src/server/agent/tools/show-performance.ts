import { money } from "@/server/performance/plain-words";
import { showPerformanceInput } from "../tool-inputs";
import type { AgentTool } from "./types";
import { findLiveCampaign } from "./live-campaign";
import { lastWeekFigures } from "./week-figures";

const whole = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });
const twoDecimals = new Intl.NumberFormat("en-US", { maximumFractionDigits: 2 });

/** The live campaign's last 7 days in plain words, from the stored snapshots (no Facebook call). */
export const showPerformance: AgentTool<Record<string, never>> = {
  name: "show_performance",
  input: showPerformanceInput,
  async run(ctx) {
    const record = await findLiveCampaign(ctx.deps.db, ctx);
    if (!record) return { status: "done", summary: "There is no live campaign yet, so there are no numbers to show." };
    const f = await lastWeekFigures(ctx.deps.db, record);
    if (!f) return { status: "done", summary: "The campaign is live, but no numbers have come in from Facebook yet." };
    const parts = [
      `Over the last ${f.days} day${f.days === 1 ? "" : "s"}: spent ${money(f.spendCents, record.currency)}`,
      `${whole.format(f.conversions)} result${f.conversions === 1 ? "" : "s"}`,
      `${whole.format(f.impressions)} views and ${whole.format(f.clicks)} clicks`,
      f.ctr === null ? "no click rate yet" : `click rate (CTR) ${twoDecimals.format(f.ctr)}%`,
      f.roas === null ? "no return on ad spend reported" : `return on ad spend (ROAS) ${twoDecimals.format(f.roas)}×`,
    ];
    if (f.costPerResultCents !== null) parts.push(`cost per result ${money(f.costPerResultCents, record.currency)}`);
    return { status: "done", summary: `${parts.join(", ")}.` };
  },
};
