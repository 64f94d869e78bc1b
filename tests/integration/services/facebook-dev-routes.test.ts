import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { parseEnv, resetEnv } from "@/env";
import { GET as getObjects } from "@/app/api/dev/simulated-ads/objects/route";
import { POST as postFault } from "@/app/api/dev/simulated-ads/faults/route";
import type { DbHandle } from "@/server/db/client";
import { setDeps } from "@/server/deps";
import { createAdPlatform, createSimulatedAdPlatform, SIMULATED_TOKEN_PREFIX } from "@/server/services/facebook";
import type { Services } from "@/server/services/types";
import { createTestDb } from "../../support/db";

let handle: DbHandle;
const ACCOUNT = "act_100000000000001";
const objectsUrl = `http://localhost/api/dev/simulated-ads/objects?adAccountId=${ACCOUNT}`;
const faultRequest = (body: unknown) =>
  new Request("http://localhost/api/dev/simulated-ads/faults", { method: "POST", body: JSON.stringify(body) });

function useFacebook(kind: "simulated" | "graph") {
  const facebook =
    kind === "simulated"
      ? createSimulatedAdPlatform({ db: handle.db })
      : createAdPlatform({ env: parseEnv({ FACEBOOK_APP_ID: "1", FACEBOOK_APP_SECRET: "s" }), db: handle.db });
  // Only the ad platform matters to these routes.
  setDeps({ db: handle.db, services: { facebook } as Services });
  return facebook;
}

beforeAll(async () => {
  handle = await createTestDb();
});
afterEach(() => {
  setDeps();
  delete process.env.AIGENCY_TEST_CONTROLS;
  resetEnv();
});
afterAll(() => handle.close());

describe("dev routes for the simulated ad account", () => {
  it("lists the objects of one account", async () => {
    const sim = useFacebook("simulated");
    const ctx = { accessToken: `${SIMULATED_TOKEN_PREFIX}x`, adAccountId: ACCOUNT };
    const { id } = await sim.createCampaign(ctx, { name: "C", objective: "OUTCOME_TRAFFIC", status: "PAUSED", specialAdCategories: [] });
    const res = await getObjects(new Request(objectsUrl));
    expect(res.status).toBe(200);
    const body = (await res.json()) as { simulated: boolean; objects: { id: string; kind: string }[] };
    expect(body.simulated).toBe(true);
    expect(body.objects).toEqual([expect.objectContaining({ id, kind: "campaign" })]);
  });

  it("answers 400 naming adAccountId when it is malformed", async () => {
    useFacebook("simulated");
    const res = await getObjects(new Request("http://localhost/api/dev/simulated-ads/objects?adAccountId=123"));
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toMatch(/^adAccountId/);
  });

  it("is 404 when the real Graph API is active", async () => {
    useFacebook("graph");
    expect((await getObjects(new Request(objectsUrl))).status).toBe(404);
    process.env.AIGENCY_TEST_CONTROLS = "1";
    resetEnv();
    expect((await postFault(faultRequest({ operation: "createAd", code: 17, message: "x" }))).status).toBe(404);
  });

  it("accepts faults only with AIGENCY_TEST_CONTROLS=1, validating the body", async () => {
    const sim = useFacebook("simulated");
    expect((await postFault(faultRequest({ operation: "createAd", code: 17, message: "x" }))).status).toBe(404);
    process.env.AIGENCY_TEST_CONTROLS = "1";
    resetEnv();
    const bad = await postFault(faultRequest({ operation: "dropTables", code: 17, message: "x" }));
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toMatch(/^operation/);
    const ok = await postFault(faultRequest({ operation: "listPages", code: 4, message: "Application request limit reached" }));
    expect(ok.status).toBe(201);
    await expect(sim.listPages(`${SIMULATED_TOKEN_PREFIX}x`)).rejects.toMatchObject({ details: { code: 4 } });
  });
});
