import { z } from "zod";
import { GOAL_LABELS } from "@/components/chat/brief-form";
import { describeCta, describeObjective } from "@/components/campaign/format";
import { parseReportCard } from "@/components/reports/report-card-data";
import { formatMoney } from "@/server/campaigns/currency";
import { campaignPlanSchema, type CampaignPlan } from "@/server/campaigns/plan-schema";
import { briefFieldsSchema, type BriefGoal } from "@/server/onboarding/brief-schema";
import type { ReportCard } from "@/server/reports/card";

/**
 * An artifact's stored `content` (jsonb, written by several features over time) read leniently into
 * what the panel shows and downloads. Anything that does not parse falls back to its JSON as text,
 * so an older or newer shape is still shown rather than failing the whole list.
 */

// write_ad_copy's shape; descriptions and angle are optional, extra keys are ignored.
const adCopySchema = z.object({
  headlines: z.array(z.string()),
  primaryTexts: z.array(z.string()),
  descriptions: z.array(z.string()).optional(),
  angle: z.string().optional(),
});
export type AdCopy = z.infer<typeof adCopySchema>;

const briefContentSchema = briefFieldsSchema.partial().extend({ version: z.number().optional() });
const campaignContentSchema = z.object({ plan: campaignPlanSchema, version: z.number().optional() });

export interface LabelledValue {
  label: string;
  value: string;
}

export type ArtifactDetail =
  | { kind: "brief"; fields: LabelledValue[] }
  | { kind: "campaign"; name: string; objective: string; dailyBudget: string; summary: string; adSets: { name: string; audience: string; ads: { headline: string; primaryText: string; button: string }[] }[] }
  | { kind: "ad-copy"; copy: AdCopy }
  | { kind: "image"; imageUrl: string; caption: string }
  | { kind: "report"; card: ReportCard }
  | { kind: "text"; text: string };

const BRIEF_LABELS: [keyof z.infer<typeof briefContentSchema>, string][] = [
  ["businessDescription", "Business"],
  ["product", "Product"],
  ["targetAudience", "Audience"],
  ["goal", "Goal"],
  ["monthlyBudgetCents", "Monthly budget"],
  ["location", "Where"],
  ["uniqueSellingPoint", "What makes it different"],
  ["websiteUrl", "Website"],
];

function briefFields(content: z.infer<typeof briefContentSchema>): LabelledValue[] {
  const out: LabelledValue[] = [];
  for (const [key, label] of BRIEF_LABELS) {
    const raw = content[key];
    if (raw === undefined || raw === null || raw === "") continue;
    const value =
      key === "goal" ? (GOAL_LABELS[raw as BriefGoal] ?? String(raw)) : key === "monthlyBudgetCents" ? formatMoney(Number(raw), content.budgetCurrency ?? "USD") : String(raw);
    out.push({ label, value });
  }
  return out;
}

function planDetail(plan: CampaignPlan, currency: string): Extract<ArtifactDetail, { kind: "campaign" }> {
  return {
    kind: "campaign",
    name: plan.name,
    objective: describeObjective(plan.objective),
    dailyBudget: formatMoney(plan.dailyBudgetCents, currency),
    summary: plan.summary,
    adSets: plan.adSets.map((set) => ({
      name: set.name,
      audience: `Ages ${set.targeting.ageMin}–${set.targeting.ageMax}${set.targeting.interests.length ? `, into ${set.targeting.interests.join(", ")}` : ""}`,
      ads: set.ads.map((ad) => ({ headline: ad.headline, primaryText: ad.primaryText, button: describeCta(ad.cta) })),
    })),
  };
}

const asText = (content: unknown): ArtifactDetail => ({ kind: "text", text: JSON.stringify(content, null, 2) });

/** The preview of a stored artifact (IMAGE entries are built where the picture's link is known). */
export function artifactDetail(type: string, content: Record<string, unknown>, opts: { currency?: string } = {}): ArtifactDetail {
  if (type === "BRIEF") {
    const brief = briefContentSchema.safeParse(content);
    return brief.success ? { kind: "brief", fields: briefFields(brief.data) } : asText(content);
  }
  if (type === "CAMPAIGN") {
    const c = campaignContentSchema.safeParse(content);
    return c.success ? planDetail(c.data.plan, opts.currency ?? "USD") : asText(content);
  }
  if (type === "AD_COPY") {
    const copy = adCopySchema.safeParse(content);
    return copy.success ? { kind: "ad-copy", copy: copy.data } : asText(content);
  }
  if (type === "REPORT") {
    const card = parseReportCard(content);
    return card ? { kind: "report", card } : asText(content);
  }
  return asText(content);
}

const clip = (text: string, max = 160) => (text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text);

/** One line for the list: what the artifact is about, without opening it. */
export function previewSummary(detail: ArtifactDetail): string {
  switch (detail.kind) {
    case "brief":
      return clip(detail.fields.filter((f) => f.label === "Product" || f.label === "Goal").map((f) => f.value).join(" · "));
    case "campaign":
      return clip(`${detail.objective}, ${detail.dailyBudget} a day, ${detail.adSets.reduce((n, s) => n + s.ads.length, 0)} ads`);
    case "ad-copy":
      return clip(detail.copy.headlines[0] ?? detail.copy.primaryTexts[0] ?? "");
    case "image":
      return clip(detail.caption);
    case "report":
      return clip(detail.card.summary);
    case "text":
      return clip(detail.text.replace(/\s+/g, " "));
  }
}
