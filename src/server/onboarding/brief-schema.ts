import { z } from "zod";

export const BRIEF_GOALS = ["LEADS", "SALES", "TRAFFIC", "APP_INSTALLS"] as const;
export type BriefGoal = (typeof BRIEF_GOALS)[number];

const text = (max: number) => z.string().trim().min(2, "is required").max(max);

/** The confirmed brief: strict, every field required. Nothing else is ever saved as a brief. */
export const briefFieldsSchema = z.object({
  businessDescription: text(1000),
  product: text(500),
  targetAudience: text(500),
  goal: z.enum(BRIEF_GOALS),
  // Hundredths of budgetCurrency's main unit (cents for USD, euro cents for EUR), whatever that
  // currency's own minor unit is; Graph amounts are converted at the Facebook boundary.
  // 10 to 1,000,000 a month: below that Facebook cannot deliver, above it is surely a typo.
  monthlyBudgetCents: z.number().int().min(1_000).max(100_000_000),
  budgetCurrency: z.string().regex(/^[A-Z]{3}$/, "must be a 3-letter currency code").default("USD"),
  location: text(200),
  uniqueSellingPoint: text(500),
  websiteUrl: z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }).max(500),
});
export type BriefFields = z.infer<typeof briefFieldsSchema>;
export const BRIEF_FIELD_NAMES = Object.keys(briefFieldsSchema.shape) as (keyof BriefFields)[];
/** The facts the owner must give; the budget's currency has a default and is never asked for on its own. */
export const REQUIRED_BRIEF_FIELDS = BRIEF_FIELD_NAMES.filter((name) => name !== "budgetCurrency");

/** What the model extracts so far: every field optional, plus what is still missing. */
export const briefDraftSchema = z.object({
  businessDescription: z.string().optional(),
  product: z.string().optional(),
  targetAudience: z.string().optional(),
  goal: z.enum(BRIEF_GOALS).optional(),
  monthlyBudgetCents: z.number().int().optional(),
  budgetCurrency: z.string().optional(),
  location: z.string().optional(),
  uniqueSellingPoint: z.string().optional(),
  websiteUrl: z.string().optional(),
  missing: z.array(z.string()),
  readyToConfirm: z.boolean(),
});
export type BriefDraft = z.infer<typeof briefDraftSchema>;

/** A draft becomes a brief only when the strict schema accepts it, whatever the model claims. */
export function completeBrief(draft: Partial<BriefFields>): BriefFields | null {
  const parsed = briefFieldsSchema.safeParse(draft);
  return parsed.success ? parsed.data : null;
}

export function draftFields(draft: BriefDraft): Partial<BriefFields> {
  const { missing: _missing, readyToConfirm: _ready, ...fields } = draft;
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined && v !== "")) as Partial<BriefFields>;
}
