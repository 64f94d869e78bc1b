import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { parseEnv, resetEnv } from "@/env";
import { GET as getObjects } from "@/app/api/dev/simulated-ads/objects/route";
import { POST as postFault } from "@/app/api/dev/simulated-ads/faults/route";
import type { DbHandle } from "@/server/db/client";
import { setDeps } from "@/server/deps";
import { connectFacebookAccount } from "@/server/facebook/oauth";
import { createAdPlatform, createSimulatedAdPlatform, SIMULATED_TOKEN_PREFIX, type AdPlatform } from "@/server/services/facebook";
import type { Services } from "@/server/services/types";
import { createTestDb } from "../../support/db";
import { seedMember, type Member } from "../onboarding/support";

let handle: DbHandle;
let ana: Member;
let bo: Member;
let anaAccount: string;
let boAccount: string;

const objectsUrl = (adAccountId?: string) =>
  `http://localhost/api/dev/simulated-ads/objects${adAccountId ? `?adAccountId=${adAccountId}` : ""}`;
const objects = (cookie: string | undefined, adAccountId?: string) =>
  getObjects(new Request(objectsUrl(adAccountId), { headers: cookie ? { cookie } : undefined }));
const faultRequest = (body: unknown, cookie?: string) =>
  new Request("http://localhost/api/dev/simulated-ads/faults", { method: "POST", body: JSON.stringify(body), headers: cookie ? { cookie } : undefined });

function withFacebook(kind: "simulated" | "graph"): AdPlatform {
  const facebook =
    kind === "simulated"
      ? createSimulatedAdPlatform({ db: handle.db })
      : createAdPlatform({ env: parseEnv({ FACEBOOK_APP_ID: "1", FACEBOOK_APP_SECRET: "s" }), db: handle.db });
  // Only the ad platform matters to these routes.
  setDeps({ db: handle.db, services: { facebook } as Services });
  return facebook;
}

/** Logs a member in through the simulated dialog; returns the first ad account they were offered. */
async function connect(member: Member): Promise<string> {
  const facebook = withFacebook("simulated");
  const result = await connectFacebookAccount(
    { db: handle.db, facebook, env: { APP_URL: "http://localhost:3000" } },
    { organizationId: member.organizationId, userId: member.userId, projectId: member.projectId, code: "sim_x" },
  );
  if (!result.ok) throw new Error(result.message);
  return result.connection.adAccountChoices[0]!.id;
}

beforeAll(async () => {
  handle = await createTestDb();
  setDeps({ db: handle.db, services: {} as Services }); // sign-up needs the db only
  ana = await seedMember(handle.db, "Ana");
  bo = await seedMember(handle.db, "Bo");
  anaAccount = await connect(ana);
  boAccount = await connect(bo);
});
afterEach(() => {
  setDeps();
  delete process.env.AIGENCY_TEST_CONTROLS;
  resetEnv();
});
afterAll(() => handle.close());

describe("dev routes for the simulated ad account", () => {
  it("gives each organization its own simulated ad account ids", () => {
    expect(anaAccount).toMatch(/^act_\d+$/);
    expect(boAccount).toMatch(/^act_\d+$/);
    expect(anaAccount).not.toBe(boAccount);
  });

  it("lists the objects of the viewer's organization only", async () => {
    const sim = withFacebook("simulated");
    const campaign = { objective: "OUTCOME_TRAFFIC", status: "PAUSED" as const, specialAdCategories: [] };
    const mine = await sim.createCampaign({ accessToken: `${SIMULATED_TOKEN_PREFIX}x`, adAccountId: anaAccount }, { ...campaign, name: "Ana's" });
    await sim.createCampaign({ accessToken: `${SIMULATED_TOKEN_PREFIX}x`, adAccountId: boAccount }, { ...campaign, name: "Bo's" });

    const all = await objects(ana.cookie);
    expect(all.status).toBe(200);
    const body = (await all.json()) as { simulated: boolean; objects: { id: string; name: string }[] };
    expect(body.simulated).toBe(true);
    expect(body.objects.map((o) => [o.id, o.name])).toEqual([[mine.id, "Ana's"]]);

    const one = (await (await objects(ana.cookie, anaAccount)).json()) as { objects: { id: string }[] };
    expect(one.objects.map((o) => o.id)).toEqual([mine.id]);
  });

  it("answers 404 for another organization's account and 401 to anyone signed out", async () => {
    withFacebook("simulated");
    const stolen = await objects(ana.cookie, boAccount);
    expect(stolen.status).toBe(404);
    expect(JSON.stringify(await stolen.json())).not.toContain("Bo's");
    const anonymous = await objects(undefined, boAccount);
    expect(anonymous.status).toBe(401);
    expect((await objects(undefined)).status).toBe(401);
  });

  it("answers 400 naming adAccountId when it is malformed", async () => {
    withFacebook("simulated");
    const res = await objects(ana.cookie, "123");
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toMatch(/^adAccountId/);
  });

  it("is 404 when the real Graph API is active", async () => {
    withFacebook("graph");
    expect((await objects(ana.cookie, anaAccount)).status).toBe(404);
    process.env.AIGENCY_TEST_CONTROLS = "1";
    resetEnv();
    expect((await postFault(faultRequest({ operation: "createAd", code: 17, message: "x" }, ana.cookie))).status).toBe(404);
  });

  it("accepts faults only with AIGENCY_TEST_CONTROLS=1, from a member, on their own accounts", async () => {
    const sim = withFacebook("simulated");
    expect((await postFault(faultRequest({ operation: "createAd", code: 17, message: "x" }, ana.cookie))).status).toBe(404);
    process.env.AIGENCY_TEST_CONTROLS = "1";
    resetEnv();
    expect((await postFault(faultRequest({ operation: "listPages", code: 4, message: "x" }))).status).toBe(401);
    const foreign = await postFault(faultRequest({ adAccountId: boAccount, operation: "createAd", code: 17, message: "x" }, ana.cookie));
    expect(foreign.status).toBe(404);
    const bad = await postFault(faultRequest({ operation: "dropTables", code: 17, message: "x" }, ana.cookie));
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toMatch(/^operation/);
    const ok = await postFault(faultRequest({ operation: "listPages", code: 4, message: "Application request limit reached" }, ana.cookie));
    expect(ok.status).toBe(201);
    await expect(sim.listPages(`${SIMULATED_TOKEN_PREFIX}x`)).rejects.toMatchObject({ details: { code: 4 } });
  });
});
