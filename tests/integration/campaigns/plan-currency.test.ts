import { InngestTestEngine } from "@inngest/test";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { onboardingBriefExtracted } from "@/inngest/events";
import { generateCampaignPlan } from "@/inngest/functions/campaign/generate-campaign-plan";
import type { ApprovalCard } from "@/server/campaigns/approval-card";
import { ensureAdSet, ensureFacebookCampaign } from "@/server/campaigns/deploy/deploy-objects";
import { campaignRecords, emailOutbox, facebookConnections, messages, projectBriefs, simulatedAdObjects } from "@/server/db/schema";
import { setDeps } from "@/server/deps";
import { savePendingConnection, selectAdAccount } from "@/server/facebook/connections";
import { SIMULATED_TOKEN_PREFIX } from "@/server/services/facebook/simulated";
import { createTestDb } from "../../support/db";
import { embeddedDeps, seedWorld, testCtx, type World } from "./support";

let handle: Awaited<ReturnType<typeof createTestDb>>;

beforeAll(async () => {
  handle = await createTestDb();
  setDeps(embeddedDeps(handle.db));
});
afterAll(async () => {
  setDeps();
  await handle?.close();
});

/** An owner whose brief says "35 dollars a day" and whose chosen simulated ad account pays in `currency`. */
async function worldWithAccount(name: string, currency: string, brief: { monthlyBudgetCents: number; budgetCurrency: string }) {
  const w: World = await seedWorld(handle.db, { name, connect: false });
  await handle.db.update(projectBriefs).set(brief).where(eq(projectBriefs.id, w.briefId));
  const owner = { organizationId: w.organizationId, userId: w.owner.userId };
  const adAccountId = "act_100000000000009";
  await savePendingConnection(handle.db, {
    ...owner,
    token: { accessToken: `${SIMULATED_TOKEN_PREFIX}test`, expiresAt: null },
    adAccounts: [{ id: adAccountId, name: `Ads (${currency})`, currency, accountStatus: 1 }],
    pageId: "100000000000101",
    simulated: true,
  });
  await selectAdAccount(handle.db, { ...owner, adAccountId });
  return w;
}

async function plan(w: World) {
  const { result, error } = await new InngestTestEngine({
    function: generateCampaignPlan,
    events: [onboardingBriefExtracted.create({ organizationId: w.organizationId, projectId: w.projectId, briefId: w.briefId, briefVersion: 1, userId: w.owner.userId }) as never],
    transformCtx: testCtx().transformCtx,
  }).execute();
  expect(error).toBeUndefined();
  expect(result).toMatchObject({ planned: true });
  const [record] = await handle.db.select().from(campaignRecords).where(eq(campaignRecords.projectId, w.projectId));
  const [card] = await handle.db
    .select()
    .from(messages)
    .where(and(eq(messages.conversationId, record!.conversationId!), eq(messages.type, "APPROVAL_REQUEST")));
  const [mail] = await handle.db.select().from(emailOutbox).where(eq(emailOutbox.idempotencyKey, `approval-needed:${record!.id}:v1`));
  return { record: record!, card: card!.metadata as unknown as ApprovalCard, mail: mail! };
}

/** Deploys the campaign and its one ad set into the simulated account; returns the ad set's stored Graph fields. */
async function deployAdSet(campaignId: string) {
  await handle.db.update(campaignRecords).set({ status: "DEPLOYING" }).where(eq(campaignRecords.id, campaignId));
  const deps = embeddedDeps(handle.db);
  await ensureFacebookCampaign(deps, { campaignId, step: "create-campaign" });
  const { id } = await ensureAdSet(deps, { campaignId, step: "create-ad-set-0", adSet: 0 });
  const [row] = await handle.db.select().from(simulatedAdObjects).where(eq(simulatedAdObjects.id, id));
  return row!.fields as { daily_budget: number };
}

const THIRTY_FIVE_DOLLARS_A_DAY = { monthlyBudgetCents: 3_500 * 30, budgetCurrency: "USD" };

describe("plans in the ad account's currency", () => {
  it("EUR account, '35 dollars a day' brief: converts at the stated rate, shows euros everywhere, sends euro cents", async () => {
    const w = await worldWithAccount("Elke", "EUR", THIRTY_FIVE_DOLLARS_A_DAY);
    const { record, card, mail } = await plan(w);
    expect(record.currency).toBe("EUR");
    // $1,050/month at 1 USD = 0.862069 EUR = €905.17/month → at most €30.17/day.
    expect(card.budget).toMatchObject({ currency: "EUR", briefMonthlyBudgetCents: 90_517 });
    expect(card.budget.conversion).toMatchObject({ from: "USD", to: "EUR", rate: 0.862069, originalMonthlyCents: 105_000 });
    const sentence = card.budget.conversion!.sentence;
    for (const part of ["$1,050/month", "€905.17/month", "1 USD = 0.862069 EUR"]) expect(sentence).toContain(part);
    expect(sentence).toMatch(/\(rates of \d{4}-\d{2}-\d{2}\)/);
    expect(card.budget.dailyCents).toBeLessThanOrEqual(Math.floor(90_517 / 30));
    expect(mail.html).toContain("€");
    expect(mail.html).not.toMatch(/\$\s*\d/);
    const adSet = await deployAdSet(record.id);
    expect(adSet.daily_budget).toBe(card.budget.perAdSetDailyCents);
  });

  it("JPY account: whole yen in the plan and on the card, Graph gets yen (Facebook offset 1), not yen cents", async () => {
    const w = await worldWithAccount("Kenji", "JPY", THIRTY_FIVE_DOLLARS_A_DAY);
    const { record, card, mail } = await plan(w);
    expect(record.currency).toBe("JPY");
    expect(card.budget.dailyCents % 100).toBe(0);
    expect(card.budget.perAdSetDailyCents % 100).toBe(0);
    expect(mail.html).toContain("¥");
    expect(mail.html).not.toMatch(/¥[\d,]+\.\d/);
    const adSet = await deployAdSet(record.id);
    expect(adSet.daily_budget).toBe(card.budget.perAdSetDailyCents / 100);
    // About $31.50/day in yen: thousands of yen, nowhere near 100× that.
    expect(adSet.daily_budget).toBeGreaterThan(3_000);
    expect(adSet.daily_budget).toBeLessThan(6_000);
  });

  it("same currency: no conversion, the brief's own amounts, cents to Graph", async () => {
    const w = await worldWithAccount("Sam", "USD", THIRTY_FIVE_DOLLARS_A_DAY);
    const { record, card } = await plan(w);
    expect(record.currency).toBe("USD");
    expect(card.budget).toMatchObject({ currency: "USD", briefMonthlyBudgetCents: 105_000 });
    expect(card.budget.conversion).toBeUndefined();
    expect((await deployAdSet(record.id)).daily_budget).toBe(card.budget.perAdSetDailyCents);
  });

  it("no rate between the currencies: asks the owner for the budget in the account's currency instead of guessing", async () => {
    const w = await worldWithAccount("Tariq", "AED", THIRTY_FIVE_DOLLARS_A_DAY);
    const { result } = await new InngestTestEngine({
      function: generateCampaignPlan,
      events: [onboardingBriefExtracted.create({ organizationId: w.organizationId, projectId: w.projectId, briefId: w.briefId, briefVersion: 1, userId: w.owner.userId }) as never],
      transformCtx: testCtx().transformCtx,
    }).execute();
    expect(result).toMatchObject({ planned: false, reason: "currency needs the owner" });
    const [record] = await handle.db.select().from(campaignRecords).where(eq(campaignRecords.projectId, w.projectId));
    expect(record!.status).toBe("GENERATION_FAILED");
    const texts = await handle.db.select().from(messages).where(eq(messages.conversationId, record!.conversationId!));
    expect(texts.map((m) => m.content).join("\n")).toMatch(/Your budget is in USD, but your ad account pays in AED/);
    expect(await handle.db.select().from(facebookConnections).where(eq(facebookConnections.organizationId, w.organizationId))).toHaveLength(1);
  });
});
