import { InngestTestEngine } from "@inngest/test";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { performanceCampaignWeekCompleted } from "@/inngest/events";
import { buildWeeklyReport } from "@/inngest/functions/reports/build-weekly-report";
import { usageLedger } from "@/server/db/schema";
import { setDeps } from "@/server/deps";
import { createOfflineLlm } from "@/server/services/llm/offline";
import { registerOfflineGenerator, unregisterOfflineGenerator } from "@/server/services/llm";
import { createTestDb } from "../../support/db";
import { PREVIOUS_WEEK, REPORT_WEEK, WEEK_ENDING } from "../../support/report-fixture";
import { embeddedDeps, seedWorld, testCtx, type World } from "../campaigns/support";
import { seedLiveCampaign } from "../optimization/support";
import { seedCampaignDays } from "../reports/support";

let handle: Awaited<ReturnType<typeof createTestDb>>;
let world: World;
const PURPOSE = "test.attribution";

beforeAll(async () => {
  handle = await createTestDb();
  setDeps(embeddedDeps(handle.db));
  world = await seedWorld(handle.db, { name: "Attribution", connect: false });
  registerOfflineGenerator(PURPOSE, () => ({ ok: true }));
});
afterAll(async () => {
  unregisterOfflineGenerator(PURPOSE);
  setDeps();
  await handle.close();
});

const rowsFor = (dedupeKey: string) => handle.db.select().from(usageLedger).where(eq(usageLedger.dedupeKey, dedupeKey));

describe("model tokens on the cost ledger", () => {
  it("carry the call's feature and project", async () => {
    const llm = createOfflineLlm({ db: handle.db });
    const usage = { organizationId: world.organizationId, projectId: world.projectId, runId: "r1", dedupeKey: "attr:1", feature: "campaign-plan" as const };
    await llm.generateObject({ purpose: PURPOSE, schema: z.object({ ok: z.boolean() }), system: "s", messages: [{ role: "user", content: "hi" }], usage });
    expect(await rowsFor("attr:1")).toMatchObject([{ kind: "MODEL_TOKENS", feature: "campaign-plan", projectId: world.projectId }]);
  });

  it("a retried step and a rerun of the run (same key, new run id), concurrently, bill once", async () => {
    const llm = createOfflineLlm({ db: handle.db });
    const call = (runId: string) =>
      llm.generateObject({
        purpose: PURPOSE,
        schema: z.object({ ok: z.boolean() }),
        system: "s",
        messages: [{ role: "user", content: "hi" }],
        usage: { organizationId: world.organizationId, runId, dedupeKey: "attr:rerun", feature: "agent-tasks" },
      });
    await Promise.all([call("run-a"), call("run-a"), call("run-b"), call("run-c")]);
    expect(await rowsFor("attr:rerun")).toHaveLength(1);
  });

  it("the weekly report bills its summary to weekly-report and the campaign's project", async () => {
    const c = await seedLiveCampaign(handle.db, "Attr", { fbCampaignId: "cmp-attr" });
    await seedCampaignDays(handle.db, { ...c, fbCampaignId: "cmp-attr" }, [...PREVIOUS_WEEK, ...REPORT_WEEK]);
    const event = performanceCampaignWeekCompleted.create({ organizationId: c.organizationId, projectId: c.projectId, campaignId: c.campaignId, weekEnding: WEEK_ENDING, week: 2 });
    const { error } = await new InngestTestEngine({ function: buildWeeklyReport, events: [event as never], transformCtx: testCtx().transformCtx }).execute();
    expect(error).toBeUndefined();
    const rows = await handle.db.select().from(usageLedger).where(eq(usageLedger.organizationId, c.organizationId));
    const tokens = rows.filter((r) => r.kind === "MODEL_TOKENS");
    expect(tokens.length).toBeGreaterThan(0);
    expect(tokens.every((r) => r.feature === "weekly-report" && r.projectId === c.projectId)).toBe(true);
    // The report's email to the owner is billed to the same feature.
    expect(rows.filter((r) => r.kind === "EMAIL")).toMatchObject([{ feature: "weekly-report", projectId: c.projectId, quantity: 1 }]);
  });
});
