import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { GET as getOne } from "@/app/api/projects/[projectId]/route";
import { GET as list, POST as create } from "@/app/api/projects/route";
import { parseEnv } from "@/env";
import { inngest } from "@/inngest/client";
import { getViewer } from "@/server/auth/session";
import { setDeps } from "@/server/deps";
import { getProject, listProjects } from "@/server/projects";
import { createServices } from "@/server/services";
import { createTestDb } from "../support/db";
import { jsonRequest, signUpTestUser, type TestUser } from "../support/viewers";

let handle: Awaited<ReturnType<typeof createTestDb>>;
let alice: TestUser;
let bob: TestUser;
let aliceProjectId: string;

beforeAll(async () => {
  handle = await createTestDb();
  setDeps({ db: handle.db, services: createServices({ env: parseEnv({}), db: handle.db }) });
  alice = await signUpTestUser(handle.db, { name: "Alice" });
  bob = await signUpTestUser(handle.db, { name: "Bob" });
  vi.spyOn(inngest, "send").mockResolvedValue({ ids: ["evt"] });
  const res = await create(
    jsonRequest("/api/projects", { method: "POST", cookie: alice.cookie, body: { name: "Alice's secret launch" } }),
  );
  aliceProjectId = ((await res.json()) as { project: { id: string } }).project.id;
});

afterAll(async () => {
  vi.restoreAllMocks();
  setDeps();
  await handle?.close();
});

describe("tenancy isolation", () => {
  it("puts each user in their own organization", async () => {
    const a = await getViewer(new Headers({ cookie: alice.cookie }));
    const b = await getViewer(new Headers({ cookie: bob.cookie }));
    expect(a?.organizationId).toBeTruthy();
    expect(b?.organizationId).toBeTruthy();
    expect(a?.organizationId).not.toBe(b?.organizationId);
  });

  it("answers 404, not 200 or 500, for another organization's project", async () => {
    const res = await getOne(
      jsonRequest(`/api/projects/${aliceProjectId}`, { cookie: bob.cookie }),
      { params: Promise.resolve({ projectId: aliceProjectId }) },
    );
    expect(res.status).toBe(404);
    expect(JSON.stringify(await res.json())).not.toContain("secret launch");
  });

  it("leaves another organization's projects out of the list", async () => {
    const res = await list(jsonRequest("/api/projects", { cookie: bob.cookie }));
    expect(((await res.json()) as { projects: unknown[] }).projects).toEqual([]);
    const own = await list(jsonRequest("/api/projects", { cookie: alice.cookie }));
    expect(((await own.json()) as { projects: { id: string }[] }).projects.map((p) => p.id)).toEqual([aliceProjectId]);
  });

  it("filters by organization in the query functions too", async () => {
    const b = await getViewer(new Headers({ cookie: bob.cookie }));
    const a = await getViewer(new Headers({ cookie: alice.cookie }));
    expect(await getProject(handle.db, b!.organizationId, aliceProjectId)).toBeNull();
    expect((await getProject(handle.db, a!.organizationId, aliceProjectId))?.name).toBe("Alice's secret launch");
    expect(await listProjects(handle.db, b!.organizationId)).toEqual([]);
  });
});
