import { BRIEF_FIELD_NAMES, BRIEF_GOALS, briefFieldsSchema, type BriefFields, type BriefGoal } from "@/server/onboarding/brief-schema";

/**
 * The edit-brief form as the user sees it (every value a string, the budget in dollars) and the
 * pure mappings to and from the stored brief, so unit tests pin the conversions.
 */
export interface BriefFormValues {
  businessDescription: string;
  product: string;
  targetAudience: string;
  goal: BriefGoal;
  monthlyBudgetDollars: string;
  /** ISO 4217 code the budget is in; kept from the stored brief so an edit never turns euros into dollars. */
  budgetCurrency: string;
  location: string;
  uniqueSellingPoint: string;
  websiteUrl: string;
}
export type BriefFormField = keyof BriefFormValues;
export type BriefFormErrors = Partial<Record<BriefFormField, string>>;

export const GOAL_LABELS: Record<BriefGoal, string> = {
  LEADS: "More leads (people getting in touch)",
  SALES: "More sales",
  TRAFFIC: "More website visits",
  APP_INSTALLS: "More app installs",
};
export const GOAL_OPTIONS = BRIEF_GOALS.map((value) => ({ value, label: GOAL_LABELS[value] }));

// The currencies the planner can convert between (its committed rate table), plus the brief's own.
const COMMON_CURRENCIES = ["USD", "EUR", "GBP", "CAD", "AUD", "NZD", "CHF", "JPY", "KRW", "SEK", "NOK", "DKK", "PLN", "CZK", "HUF", "BRL", "MXN", "INR"];
export const currencyOptions = (current: string) => (COMMON_CURRENCIES.includes(current) ? COMMON_CURRENCIES : [current, ...COMMON_CURRENCIES]);

/** 60000 → "600", 1234 → "12.34": no currency sign or separators, so the input stays editable. */
export function centsToDollars(cents: number): string {
  return cents % 100 === 0 ? String(cents / 100) : (cents / 100).toFixed(2);
}

/** "$1,200.5" → 120050; null when it is not an amount of dollars with at most two decimals. */
export function dollarsToCents(input: string): number | null {
  const cleaned = input.trim().replace(/^\$/, "").replace(/,/g, "").trim();
  if (!/^\d+(\.\d{1,2})?$/.test(cleaned)) return null;
  const [whole = "0", fraction = ""] = cleaned.split(".");
  // String arithmetic: parseFloat("0.29") * 100 is 28.999999999999996.
  return Number(whole) * 100 + Number(fraction.padEnd(2, "0"));
}

export function briefToForm(brief: BriefFields): BriefFormValues {
  return {
    businessDescription: brief.businessDescription,
    product: brief.product,
    targetAudience: brief.targetAudience,
    goal: brief.goal,
    monthlyBudgetDollars: centsToDollars(brief.monthlyBudgetCents),
    budgetCurrency: brief.budgetCurrency,
    location: brief.location,
    uniqueSellingPoint: brief.uniqueSellingPoint,
    websiteUrl: brief.websiteUrl,
  };
}

/** Where a brief field's error belongs in the form (the budget is entered in dollars). */
export function formFieldOf(briefField: string): BriefFormField | null {
  const name = briefField.replace(/^brief\./, "");
  if (name === "monthlyBudgetCents") return "monthlyBudgetDollars";
  return SAME_NAME_FIELDS.has(name) ? (name as BriefFormField) : null;
}
// Every brief field but the budget has an input of the same name.
const SAME_NAME_FIELDS = new Set<string>(BRIEF_FIELD_NAMES.filter((f) => f !== "monthlyBudgetCents"));

/** Says budget limits in dollars: the schema's messages speak of cents, which the user never typed. */
function describeError(field: BriefFormField, message: string): string {
  if (field !== "monthlyBudgetDollars") return message;
  if (/small|>=|at least/i.test(message)) return "must be at least $10 a month";
  if (/big|<=|at most/i.test(message)) return "must be at most $1,000,000 a month";
  return message;
}

/** Puts the route's 400 `fields` (e.g. `brief.websiteUrl`) next to the right inputs; the rest stay general. */
export function mapFieldErrors(fields: { field: string; message: string }[]): { errors: BriefFormErrors; other: string[] } {
  const errors: BriefFormErrors = {};
  const other: string[] = [];
  for (const { field, message } of fields) {
    const target = formFieldOf(field);
    if (!target) other.push(`${field}: ${message}`);
    else errors[target] ??= describeError(target, message);
  }
  return { errors, other };
}

/**
 * Checks the form with the same schema the route uses (so the messages match) before asking the
 * user to confirm; the route stays the authority and its 400 is mapped the same way.
 */
export function formToBrief(values: BriefFormValues): { ok: true; brief: BriefFields } | { ok: false; errors: BriefFormErrors } {
  const cents = dollarsToCents(values.monthlyBudgetDollars);
  const { monthlyBudgetDollars: _dollars, ...rest } = values;
  const parsed = briefFieldsSchema.safeParse({ ...rest, monthlyBudgetCents: cents ?? Number.NaN });
  const { errors } = parsed.success
    ? { errors: {} as BriefFormErrors }
    : mapFieldErrors(parsed.error.issues.map((i) => ({ field: i.path.join("."), message: i.message })));
  if (cents === null) errors.monthlyBudgetDollars = "must be an amount in dollars, like 600 or 600.50";
  if (!parsed.success || cents === null) return { ok: false, errors };
  return { ok: true, brief: parsed.data };
}
