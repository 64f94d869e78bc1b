import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { approvePlan } from "@/server/campaigns/approval";
import { ensureAdSet, ensureFacebookCampaign, type Created } from "@/server/campaigns/deploy/deploy-objects";
import { campaignRecords } from "@/server/db/schema";
import { setDeps, type Deps } from "@/server/deps";
import { createTestDb } from "../../support/db";
import { racingAccount, type Run } from "./racing-account";
import { embeddedDeps, seedPlannedWorld } from "./support";

/**
 * Two deploy runs racing on one step, in the exact interleaving `racingAccount` forces: A creates first
 * and looks again before B has created, B's id sorts first and B finishes first. Whatever happens, both
 * runs must settle on one object, that object must be live, and the record must name it.
 */

let handle: Awaited<ReturnType<typeof createTestDb>>;

beforeAll(async () => {
  handle = await createTestDb();
  // The planner that seeds each campaign runs on the embedded services.
  setDeps(embeddedDeps(handle.db));
});

afterAll(async () => {
  setDeps();
  await handle?.close();
});

async function approvedCampaign(name: string) {
  const w = await seedPlannedWorld(handle.db, name);
  const approved = await approvePlan(handle.db, { campaignId: w.campaignId, actor: { userId: w.owner.userId, organizationId: w.organizationId } });
  if (!approved.ok) throw new Error(approved.message);
  return w.campaignId;
}

const recordOf = async (id: string) => (await handle.db.select().from(campaignRecords).where(eq(campaignRecords.id, id)))[0]!;

/** Runs A and B on their own views of the account; B's settling releases A's slow second listing. */
async function race(account: ReturnType<typeof racingAccount>, step: (deps: Deps, run: Run) => Promise<Created>) {
  const deps = (run: Run) => embeddedDeps(handle.db, { facebook: account.platformFor(run) });
  const a = step(deps("A"), "A");
  const b = step(deps("B"), "B").finally(account.bFinished);
  return Promise.all([a, b]);
}

describe("deploy: two runs racing on one step settle on the object the record names", () => {
  it("campaign: the slot is claimed once and the other copy is deleted", async () => {
    const campaignId = await approvedCampaign("Race campaign");
    const account = racingAccount({ ids: { A: "120000000000000200", B: "120000000000000100" } });
    const [a, b] = await race(account, (deps, run) => ensureFacebookCampaign(deps, { campaignId, step: `create-campaign-${run}` }));
    const live = account.live("campaign");
    expect(live).toHaveLength(1);
    expect((await recordOf(campaignId)).fbCampaignId).toBe(live[0]);
    expect([a.id, b.id]).toEqual([live[0], live[0]]);
  });

  it("ad set: the jsonb id map is claimed once and the other copy is deleted", async () => {
    const campaignId = await approvedCampaign("Race ad set");
    await handle.db.update(campaignRecords).set({ fbCampaignId: "120000000000000001" }).where(eq(campaignRecords.id, campaignId));
    const account = racingAccount({ ids: { A: "120000000000000200", B: "120000000000000100" } });
    const [a, b] = await race(account, (deps, run) => ensureAdSet(deps, { campaignId, step: `create-ad-set-0-${run}`, adSet: 0 }));
    const live = account.live("adset");
    expect(live).toHaveLength(1);
    expect((await recordOf(campaignId)).fbAdSetIds).toEqual({ "adset-0": live[0] });
    expect([a.id, b.id]).toEqual([live[0], live[0]]);
  });
});
