import { http, HttpResponse } from "msw";
import { setupServer } from "msw/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as progressToken } from "@/app/api/creative/sessions/[sessionId]/progress-token/route";
import { setDeps } from "@/server/deps";
import { createTestDb } from "../../support/db";
import { jsonRequest } from "../../support/viewers";
import { seedWorld } from "../campaigns/support";
import { sandboxSessionsDouble } from "./sandbox-sessions-double";
import { depsWithSessions, resume, runVersion, seedSession } from "./support";

const tokenRequests: unknown[] = [];
const server = setupServer(http.post("*/v1/realtime/token", async ({ request }) => (tokenRequests.push(await request.json()), HttpResponse.json({ jwt: "a.b.c" }))));

let handle: Awaited<ReturnType<typeof createTestDb>>;
beforeAll(async () => {
  server.listen({ onUnhandledRequest: "bypass" });
  handle = await createTestDb();
  setDeps(depsWithSessions(handle.db, sandboxSessionsDouble().sessions));
});
afterAll(async () => {
  server.close();
  setDeps();
  await handle?.close();
});

describe("creative session progress", () => {
  it("mints a token for the session's channel for members only", async () => {
    const w = await seedWorld(handle.db, { name: "Pia", connect: false });
    const outsider = await seedWorld(handle.db, { name: "Otto", connect: false });
    const s = await seedSession(handle.db, w);
    const get = (cookie?: string, id = s.sessionId) => progressToken(jsonRequest(`/api/creative/sessions/${id}/progress-token`, { cookie }), { params: Promise.resolve({ sessionId: id }) });
    expect((await get()).status).toBe(401);
    expect((await get(outsider.owner.cookie)).status).toBe(404);
    expect((await get(w.owner.cookie, "../x")).status).toBe(404);
    expect(tokenRequests).toEqual([]);
    const ok = await get(w.owner.cookie);
    expect(ok.status).toBe(200);
    expect(tokenRequests).toEqual([[{ channel: `creative-session:${s.sessionId}`, name: "stage", kind: "run" }]]);
  });

  it("publishes each stage as it ends, the skipped ones first, then the version's end", async () => {
    const w = await seedWorld(handle.db, { name: "Quin", connect: false });
    const s = await seedSession(handle.db, w);
    await runVersion(s);
    const v2 = await resume(handle.db, s, "brighter colours");
    const run = await runVersion(v2);
    expect(run.published.map((p) => [(p.data as { stage: string }).stage, (p.data as { state: string }).state])).toEqual([
      ["research", "skipped"],
      ["hooks", "skipped"],
      ["sandbox", "done"],
      ["image-prompts", "done"],
      ["images", "done"],
      ["done", "done"],
    ]);
    expect(run.published[0]!.data).toMatchObject({ versionId: v2.versionId, version: 2, label: "research: reused from v1" });
  });
});
