import { afterAll, beforeAll } from "vitest";
import type { Db } from "@/server/db";
import { agentIssues, agentJobs } from "@/server/db/schema/agent-tasks";
import { setDeps } from "@/server/deps";
import { createTestDb } from "../../support/db";
import { jsonRequest } from "../../support/viewers";
import { embeddedDeps, seedWorld, type World } from "../campaigns/support";

export const idParams = (id: string) => ({ params: Promise.resolve({ id }) });
export const post = (url: string, cookie: string, body?: unknown) => jsonRequest(url, { method: "POST", cookie, body: body ?? {} });
export const get = (url: string, cookie: string) => jsonRequest(url, { cookie });
export const errorOf = async (res: Response) => ((await res.json()) as { error: string }).error;

/** An issue (and optionally its job) as the pipeline would have left it, written directly. */
export async function seedIssue(
  db: Db,
  w: World,
  opts: { status?: (typeof agentIssues.$inferInsert)["status"]; job?: (typeof agentJobs.$inferInsert)["status"]; createdAt?: Date } = {},
) {
  const [issue] = await db
    .insert(agentIssues)
    .values({ organizationId: w.organizationId, projectId: w.projectId, title: "Why did CPL double?", description: "Since Monday", status: opts.status ?? "PENDING", createdAt: opts.createdAt })
    .returning();
  if (!opts.job) return { issue: issue!, job: null };
  const finished = ["COMPLETED", "FAILED", "CANCELLED"].includes(opts.job);
  const [job] = await db
    .insert(agentJobs)
    .values({ organizationId: w.organizationId, issueId: issue!.id, agentType: "analyst", model: "offline", status: opts.job, completedAt: finished ? new Date() : null })
    .returning();
  return { issue: issue!, job: job! };
}

/**
 * A fresh database for one file with two organizations (the owner's and a stranger's), the deps
 * pointed at it, everything undone after the file. Read the fields inside tests (set in beforeAll).
 */
export function twoOrganizations(names: [string, string]) {
  const ctx = {} as { handle: Awaited<ReturnType<typeof createTestDb>>; w: World; stranger: World };
  beforeAll(async () => {
    ctx.handle = await createTestDb();
    setDeps(embeddedDeps(ctx.handle.db));
    ctx.w = await seedWorld(ctx.handle.db, { name: names[0], connect: false });
    ctx.stranger = await seedWorld(ctx.handle.db, { name: names[1], connect: false });
  });
  afterAll(async () => {
    setDeps();
    await ctx.handle?.close();
  });
  return ctx;
}
