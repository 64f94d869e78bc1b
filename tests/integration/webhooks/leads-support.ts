import { InngestTestEngine } from "@inngest/test";
import { eq } from "drizzle-orm";
import { facebookWebhookReceived } from "@/inngest/events";
import { handleLeadgen } from "@/inngest/functions/webhooks/handle-leadgen";
import type { Db } from "@/server/db";
import { campaignRecords, facebookConnections } from "@/server/db/schema";
import { testCtx, type World } from "../campaigns/support";

export const LEAD_PLAN = {
  objective: "OUTCOME_LEADS",
  name: "Bakery leads",
  dailyBudgetCents: 3_000,
  summary: "",
  adSets: [{ name: "Parents", targeting: { countries: ["US"], ageMin: 25, ageMax: 45, interests: [] }, ads: [{ name: "a1", headline: "Fresh at 8am", primaryText: "", cta: "SIGN_UP", imagePrompt: "" }] }],
};

/** Points the world's connection at `pageId` (and, optionally, an ad account time zone). */
export async function setPage(db: Db, w: World, pageId: string, timezoneName?: string) {
  const [row] = await db.select().from(facebookConnections).where(eq(facebookConnections.organizationId, w.organizationId));
  const choices = row!.adAccountChoices.map((c) => ({ ...c, ...(timezoneName ? { timezoneName } : {}) }));
  await db.update(facebookConnections).set({ pageId, adAccountChoices: choices }).where(eq(facebookConnections.id, row!.id));
}

/** An ACTIVE lead campaign of the world whose one deployed ad is `adId`. */
export async function seedLeadCampaign(db: Db, w: World, opts: { adId: string; structure?: unknown }) {
  const [record] = await db
    .insert(campaignRecords)
    .values({
      organizationId: w.organizationId,
      projectId: w.projectId,
      version: Number(opts.adId.slice(-4)),
      sourceKey: `test:lead:${opts.adId}`,
      claimedByRunId: "seed",
      status: "ACTIVE",
      structure: (opts.structure ?? LEAD_PLAN) as Record<string, unknown>,
      connectionUserId: w.owner.userId,
      ownerUserId: w.owner.userId,
      adAccountId: "act_1234567890",
      currency: "USD",
      fbCampaignId: `c${opts.adId}`,
      fbAdSetIds: { "adset-0": `s${opts.adId}` },
      fbAdIds: { "ad-0-0": opts.adId },
      activatedAt: new Date(),
    })
    .returning();
  return record!;
}

/** One `facebook/webhook.received` for a leadgen change, as the endpoint sends it. */
export function leadgenEvent(value: Record<string, unknown>, opts: { pageId?: string; changeId?: string } = {}) {
  const pageId = opts.pageId ?? String(value.page_id ?? "1");
  return facebookWebhookReceived.create({
    deliveryId: "d-1",
    changeId: opts.changeId ?? `chg-${JSON.stringify(value)}`,
    object: "page",
    entryId: pageId,
    time: 1_796_083_200,
    field: "leadgen",
    value,
  });
}

/** Runs the real handler once on the event; returns the run's output, error and what it sent. */
export async function runLeadgen(event: ReturnType<typeof leadgenEvent>) {
  const { transformCtx, sent } = testCtx();
  const out = await new InngestTestEngine({ function: handleLeadgen, events: [event as never], transformCtx }).execute();
  return { ...out, sent };
}
