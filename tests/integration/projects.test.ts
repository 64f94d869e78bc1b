import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { GET as getOne } from "@/app/api/projects/[projectId]/route";
import { GET as list, POST as create } from "@/app/api/projects/route";
import { parseEnv } from "@/env";
import { inngest } from "@/inngest/client";
import { projects } from "@/server/db/schema";
import { setDeps } from "@/server/deps";
import { createServices } from "@/server/services";
import { createTestDb } from "../support/db";
import { jsonRequest, signUpTestUser, type TestUser } from "../support/viewers";

let handle: Awaited<ReturnType<typeof createTestDb>>;
let owner: TestUser;

beforeAll(async () => {
  handle = await createTestDb();
  setDeps({ db: handle.db, services: createServices({ env: parseEnv({}), db: handle.db }) });
  owner = await signUpTestUser(handle.db, { name: "Mae" });
});

afterEach(() => {
  vi.restoreAllMocks();
});

afterAll(async () => {
  setDeps();
  await handle?.close();
});

const params = (projectId: string) => ({ params: Promise.resolve({ projectId }) });

async function projectRows() {
  return handle.db.select().from(projects);
}

describe("POST /api/projects", () => {
  it("records the project, then sends project/created once the row is there", async () => {
    const rowsSeenBySend: number[] = [];
    const send = vi.spyOn(inngest, "send").mockImplementation(async () => {
      rowsSeenBySend.push((await projectRows()).length);
      return { ids: ["evt-1"] };
    });

    const res = await create(
      jsonRequest("/api/projects", {
        method: "POST",
        cookie: owner.cookie,
        body: { name: "  Corner Bakery ", websiteUrl: "https://bakery.example" },
      }),
    );
    expect(res.status).toBe(201);
    const { project } = (await res.json()) as { project: { id: string; organizationId: string } };

    const [row] = await handle.db.select().from(projects).where(eq(projects.id, project.id));
    expect(row).toMatchObject({ name: "Corner Bakery", websiteUrl: "https://bakery.example", createdById: owner.userId });
    expect(send).toHaveBeenCalledTimes(1);
    expect(send).toHaveBeenCalledWith(
      expect.objectContaining({
        name: "project/created",
        id: `project-created-${project.id}`,
        data: { organizationId: row?.organizationId, projectId: project.id, userId: owner.userId, name: "Corner Bakery" },
      }),
    );
    expect(rowsSeenBySend).toEqual([1]);
  });

  it("keeps the project and says so when the event cannot be sent", async () => {
    vi.spyOn(inngest, "send").mockRejectedValue(new Error("connect ECONNREFUSED"));
    vi.spyOn(console, "error").mockImplementation(() => {});
    const res = await create(jsonRequest("/api/projects", { method: "POST", cookie: owner.cookie, body: { name: "Offline" } }));
    expect(res.status).toBe(201);
    const body = (await res.json()) as { project: { id: string }; warning?: string };
    expect(body.warning).toMatch(/could not be notified/);
    expect(await handle.db.select().from(projects).where(eq(projects.id, body.project.id))).toHaveLength(1);
  });

  it.each([
    ["missing name", {}, "name"],
    ["empty name", { name: "   " }, "name"],
    ["name over 120 characters", { name: "x".repeat(121) }, "name"],
    ["website that is not a URL", { name: "Shop", websiteUrl: "not a url" }, "websiteUrl"],
    ["website with another scheme", { name: "Shop", websiteUrl: "javascript:alert(1)" }, "websiteUrl"],
    ["a body that is not JSON", "{name:", "(body)"],
  ])("answers 400 naming the field for %s and writes nothing", async (_case, body, field) => {
    const send = vi.spyOn(inngest, "send");
    const before = (await projectRows()).length;
    const res = await create(jsonRequest("/api/projects", { method: "POST", cookie: owner.cookie, body }));
    expect(res.status).toBe(400);
    const json = (await res.json()) as { error: string; fields: { field: string }[] };
    expect(json.fields.map((f) => f.field)).toContain(field);
    expect(json.error).toContain(field);
    expect((await projectRows()).length).toBe(before);
    expect(send).not.toHaveBeenCalled();
  });

  it("treats an empty website as none", async () => {
    vi.spyOn(inngest, "send").mockResolvedValue({ ids: ["evt-2"] });
    const res = await create(
      jsonRequest("/api/projects", { method: "POST", cookie: owner.cookie, body: { name: "No site", websiteUrl: "" } }),
    );
    expect(res.status).toBe(201);
    const { project } = (await res.json()) as { project: { websiteUrl: string | null } };
    expect(project.websiteUrl).toBeNull();
  });
});

describe("GET /api/projects and /api/projects/[projectId]", () => {
  it("lists the organization's projects and returns one by id", async () => {
    vi.spyOn(inngest, "send").mockResolvedValue({ ids: ["evt-3"] });
    const created = await create(
      jsonRequest("/api/projects", { method: "POST", cookie: owner.cookie, body: { name: "Listed" } }),
    );
    const { project } = (await created.json()) as { project: { id: string } };

    const listRes = await list(jsonRequest("/api/projects", { cookie: owner.cookie }));
    expect(listRes.status).toBe(200);
    const { projects: listed } = (await listRes.json()) as { projects: { id: string; name: string }[] };
    expect(listed.map((p) => p.name)).toContain("Listed");

    const oneRes = await getOne(jsonRequest(`/api/projects/${project.id}`, { cookie: owner.cookie }), params(project.id));
    expect(oneRes.status).toBe(200);
    expect(((await oneRes.json()) as { project: { name: string } }).project.name).toBe("Listed");
  });

  it("answers 404 for an id that does not exist", async () => {
    const res = await getOne(jsonRequest("/api/projects/nope", { cookie: owner.cookie }), params("nope"));
    expect(res.status).toBe(404);
  });
});

describe("without a session", () => {
  it("answers 401 on every route and writes nothing", async () => {
    const send = vi.spyOn(inngest, "send");
    const before = (await projectRows()).length;
    expect((await create(jsonRequest("/api/projects", { method: "POST", body: { name: "Anon" } }))).status).toBe(401);
    expect((await list(jsonRequest("/api/projects"))).status).toBe(401);
    expect((await getOne(jsonRequest("/api/projects/x"), params("x"))).status).toBe(401);
    expect((await projectRows()).length).toBe(before);
    expect(send).not.toHaveBeenCalled();
  });
});
