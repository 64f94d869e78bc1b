import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { claimFacebookId, type FacebookIdSlot } from "@/server/campaigns/records";
import { campaignRecords } from "@/server/db/schema";
import { setDeps } from "@/server/deps";
import { createTestDb } from "../../support/db";
import { embeddedDeps, seedPlannedWorld } from "./support";

let handle: Awaited<ReturnType<typeof createTestDb>>;

beforeAll(async () => {
  handle = await createTestDb();
  setDeps(embeddedDeps(handle.db));
});

afterAll(async () => {
  setDeps();
  await handle?.close();
});

const recordOf = async (id: string) => (await handle.db.select().from(campaignRecords).where(eq(campaignRecords.id, id)))[0]!;

/** Many claims at once (separate pool connections on Postgres): one value wins and every caller is told it. */
async function claimAll(campaignId: string, slot: FacebookIdSlot) {
  const values = Array.from({ length: 8 }, (_, i) => `12000000000000${i}`);
  const answers = await Promise.all(values.map((value) => claimFacebookId(handle.db, { campaignId, slot, value })));
  expect(new Set(answers).size).toBe(1);
  expect(values).toContain(answers[0]);
  return answers[0]!;
}

describe("claimFacebookId", () => {
  it("fills the campaign id once; later claims answer the stored id", async () => {
    const { campaignId } = await seedPlannedWorld(handle.db, "Claim campaign");
    const won = await claimAll(campaignId, { column: "fbCampaignId" });
    expect((await recordOf(campaignId)).fbCampaignId).toBe(won);
    await expect(claimFacebookId(handle.db, { campaignId, slot: { column: "fbCampaignId" }, value: "999" })).resolves.toBe(won);
  });

  it("fills one key of an id map once and keeps the keys parallel steps filled", async () => {
    const { campaignId } = await seedPlannedWorld(handle.db, "Claim map");
    const [first, second] = await Promise.all([
      claimAll(campaignId, { column: "fbAdIds", key: "ad-0-0" }),
      claimAll(campaignId, { column: "fbAdIds", key: "ad-0-1" }),
    ]);
    expect((await recordOf(campaignId)).fbAdIds).toEqual({ "ad-0-0": first, "ad-0-1": second });
  });

  it("refuses to answer for a record that does not exist", async () => {
    const missing = "00000000-0000-4000-8000-000000000000";
    await expect(claimFacebookId(handle.db, { campaignId: missing, slot: { column: "fbCampaignId" }, value: "1" })).rejects.toThrow(/no record/);
  });
});
