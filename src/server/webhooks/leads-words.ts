import { adKey, campaignPlanSchema } from "@/server/campaigns/plan-schema";
import type { LeadField } from "@/server/db/schema";

/** Who the lead is and how to reach them, from Lead Ads' standard questions (custom ones are left as they are). */
export interface LeadContact {
  name: string | null;
  email: string | null;
  phone: string | null;
}

const first = (fields: LeadField[], name: string) => fields.find((f) => f.name === name)?.values.find((v) => v.trim())?.trim() ?? null;

export function leadContact(fields: LeadField[]): LeadContact {
  const full = first(fields, "full_name");
  const parts = [first(fields, "first_name"), first(fields, "last_name")].filter(Boolean).join(" ");
  return { name: full ?? (parts || null), email: first(fields, "email") ?? first(fields, "work_email"), phone: first(fields, "phone_number") };
}

/** The ad's headline from the approved plan, for "your ad “Fresh at 8am”"; null when the ad is not one of ours. */
export function adHeadline(record: { structure: unknown; fbAdIds: Record<string, string> }, adId: string | undefined): string | null {
  if (!adId) return null;
  const plan = campaignPlanSchema.safeParse(record.structure);
  if (!plan.success) return null;
  for (const [i, set] of plan.data.adSets.entries()) {
    for (const [j, ad] of set.ads.entries()) if (record.fbAdIds[adKey(i, j)] === adId) return ad.headline;
  }
  return null;
}

/**
 * The owner's notification: who, how to reach them, where to see the rest. A lead whose answers
 * could not be read says why and what to do instead. Plain words, no ids.
 */
export function leadNotificationText(input: {
  contact: LeadContact | null;
  adHeadline: string | null;
  campaignName: string | null;
  missingAnswers: string | null;
  simulated: boolean;
}): { title: string; body: string } {
  const from = input.adHeadline ? `your ad “${input.adHeadline}”` : input.campaignName ? `your campaign “${input.campaignName}”` : "one of your Facebook lead forms";
  const demo = input.simulated ? " This is a made-up person from the simulated ad account." : "";
  if (!input.contact) {
    return {
      title: "New lead: someone answered your form",
      body: `Someone answered ${from}, but the agency could not read their answers: ${input.missingAnswers ?? "Facebook did not send them"}. You can still see the lead in Facebook's Leads Center.${demo}`,
    };
  }
  const { name, email, phone } = input.contact;
  const reach = [email, phone].filter(Boolean).join(" or ");
  const how = reach ? ` Reach them at ${reach}.` : " They left no email or phone number; their answers are on the campaign's page.";
  return { title: `New lead: ${name ?? "someone answered your form"}`, body: `${name ?? "Someone"} answered ${from}.${how} Get back to them soon: people who asked are most likely to buy in the first hours.${demo}` };
}
