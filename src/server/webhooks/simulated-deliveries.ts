import { createHash } from "node:crypto";
import { addDays, daysBetween } from "@/server/performance/account-time";
import { simulatedLeadFormId, simulatedLeadgenId } from "@/server/services/facebook/simulated-leads";
import { adAccountBody, adWithIssuesChange, leadgenChange, pageBody, type WebhookBody, type WebhookChange } from "./sample-deliveries";

/**
 * What the simulated ad account tells us by webhook about one campaign's complete days: 0–3 leads a
 * day for a lead campaign, and now and then (about one day in 25) an ad Facebook's review flags.
 * Drawn from a hash of campaign, day and purpose, so every sweep that covers a day delivers exactly
 * the same changes: a redelivery is dropped by the engine's dedupe and the handlers' keys.
 */

export interface SimulatedCampaign {
  id: string;
  objective: string;
  adAccountId: string;
  /** Ad key (`ad-<ad set>-<ad>`) → Facebook ad id, as deploy stored them. */
  adIds: Record<string, string>;
  /** Ad set key → Facebook ad set id. */
  adSetIds: Record<string, string>;
  pageId: string;
  activationDay: string;
}

/** How many complete days back a delivery reaches: a clock moved two weeks at once still gets each day. */
export const SIMULATED_DELIVERY_DAYS = 14;
const MAX_LEADS_PER_DAY = 3;

function draw(...parts: string[]): number {
  return createHash("sha256").update(parts.join("\u0000")).digest().readUInt32BE(0);
}

/** Complete account days worth a delivery: from the activation day (or 14 days back) to yesterday. */
export function deliveryDays(opts: { activationDay: string; today: string }): string[] {
  const first = daysBetween(opts.activationDay, addDays(opts.today, -SIMULATED_DELIVERY_DAYS)) > 0 ? addDays(opts.today, -SIMULATED_DELIVERY_DAYS) : opts.activationDay;
  const days: string[] = [];
  for (let d = first; daysBetween(d, opts.today) > 0; d = addDays(d, 1)) days.push(d);
  return days;
}

// Leads and reviews land between 10:00 and 20:00 UTC, inside the same account day in the simulated
// accounts' zones (New York, Berlin), so the lead's day is the day it was drawn for.
const timeOnDay = (day: string, seed: number) => new Date(Date.parse(`${day}T10:00:00Z`) + (seed % (10 * 3600)) * 1000);

/** Each simulated leadgen id names its ad and time, so the simulated Graph answers `GET /{id}` without storing anything. */
export function simulatedLeads(c: SimulatedCampaign, day: string): { time: Date; change: WebhookChange }[] {
  const ads = Object.entries(c.adIds).sort(([a], [b]) => (a < b ? -1 : 1));
  if (c.objective !== "OUTCOME_LEADS" || !ads.length) return [];
  const count = draw(c.id, day, "leads") % (MAX_LEADS_PER_DAY + 1);
  return Array.from({ length: count }, (_, n) => {
    const seed = draw(c.id, day, "lead", String(n));
    const [key, adId] = ads[seed % ads.length]!;
    const createdAt = timeOnDay(day, seed);
    const adSetId = c.adSetIds[`adset-${key.split("-")[1]}`];
    return {
      time: createdAt,
      change: leadgenChange({ leadgenId: simulatedLeadgenId({ adId, createdTime: createdAt, n }), pageId: c.pageId, formId: simulatedLeadFormId(adId), adId, adSetId, createdAt }),
    };
  });
}

export const SIMULATED_REVIEW_REASONS = [
  { errorCode: 1487, summary: "Unrealistic outcome", message: "Your ad promises results that are unlikely. Ads may not make exaggerated claims about outcomes." },
  { errorCode: 1487, summary: "Too much text in the image", message: "Your ad's image is mostly text. Use an image with less text, or move the words into the ad's text." },
];

/** `oneDayIn` is SIMULATED_REVIEW_ONE_DAY_IN (0: never), so a deterministic journey can switch reviews off. */
export function simulatedReview(c: SimulatedCampaign, day: string, oneDayIn: number): { time: Date; change: WebhookChange } | undefined {
  const ads = Object.values(c.adIds).sort();
  if (!ads.length || oneDayIn === 0 || draw(c.id, day, "review") % oneDayIn !== 0) return undefined;
  const seed = draw(c.id, day, "review-ad");
  const reason = SIMULATED_REVIEW_REASONS[seed % SIMULATED_REVIEW_REASONS.length]!;
  return { time: timeOnDay(day, seed), change: adWithIssuesChange({ adId: ads[seed % ads.length]!, ...reason }) };
}

/** The bodies the simulated account posts for these days: leads on the page, reviews on the ad account. */
export function simulatedDeliveries(c: SimulatedCampaign, days: string[], opts: { reviewOneDayIn: number }): WebhookBody[] {
  const bodies: WebhookBody[] = [];
  const leadEntries = days.flatMap((d) => simulatedLeads(c, d)).map((l) => ({ time: l.time, changes: [l.change] }));
  if (leadEntries.length) bodies.push(pageBody(c.pageId, leadEntries));
  for (const d of days) {
    const review = simulatedReview(c, d, opts.reviewOneDayIn);
    if (review) bodies.push(adAccountBody(c.adAccountId, review.time, [review.change]));
  }
  return bodies;
}
