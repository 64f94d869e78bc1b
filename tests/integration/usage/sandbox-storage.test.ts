import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordArtifact } from "@/server/appgen/pipeline/artifact";
import { stopJobSandboxes } from "@/server/appgen/pipeline/sandbox";
import { appGenerationJobs, usageLedger } from "@/server/db/schema";
import type { SandboxSessions } from "@/server/services/sandbox/types";
import { createTestDb } from "../../support/db";
import { seedWorld, type World } from "../campaigns/support";
import { seedJob } from "../appgen/jobs-support";

let handle: Awaited<ReturnType<typeof createTestDb>>;
let world: World;
beforeAll(async () => {
  handle = await createTestDb();
  world = await seedWorld(handle.db, { name: "Sandbox", connect: false });
});
afterAll(() => handle.close());

const noSandboxes = { findByLabels: async () => [], delete: async () => true } as unknown as SandboxSessions;
const rowsFor = (dedupeKey: string) => handle.db.select().from(usageLedger).where(eq(usageLedger.dedupeKey, dedupeKey));

describe("app generation on the cost ledger", () => {
  it("bills the job's sandbox from its first create to its stop once, across finish and clean-up racing", async () => {
    const job = await seedJob(handle.db, world, { sandboxStartedAt: new Date(Date.now() - 90_000), sandboxKind: "local" });
    const stop = (runId: string) => stopJobSandboxes({ db: handle.db, sessions: noSandboxes }, { jobId: job.id, runId });
    await Promise.all([stop("finish-run"), stop("clean-up-run"), stop("finish-rerun")]);
    const rows = await rowsFor(`appgen-job:${job.id}:sandbox`);
    expect(rows).toHaveLength(1);
    const [stopped] = await handle.db.select().from(appGenerationJobs).where(eq(appGenerationJobs.id, job.id));
    const seconds = (stopped!.sandboxStoppedAt!.getTime() - stopped!.sandboxStartedAt!.getTime()) / 1000;
    expect(rows[0]).toMatchObject({ kind: "SANDBOX_SECONDS", feature: "app-generation", projectId: world.projectId, quantity: Math.round(seconds), sandboxSeconds: seconds });
  });

  it("a job that never had a sandbox is not billed", async () => {
    const job = await seedJob(handle.db, world);
    await stopJobSandboxes({ db: handle.db, sessions: noSandboxes }, { jobId: job.id, runId: "r" });
    expect(await rowsFor(`appgen-job:${job.id}:sandbox`)).toEqual([]);
  });

  it("the stored ZIP's bytes once per job, a retried record included", async () => {
    const job = await seedJob(handle.db, world);
    const artifact = { organizationId: world.organizationId, ownerId: world.owner.userId, projectId: world.projectId, jobId: job.id, storageKey: "k", sizeBytes: 3_000_000, checksum: "ab".repeat(32), entryCount: 3 };
    await Promise.all([recordArtifact(handle.db, artifact), recordArtifact(handle.db, artifact)]);
    expect(await rowsFor(`appgen-job:${job.id}:zip`)).toMatchObject([{ kind: "STORAGE_BYTES", quantity: 3_000_000, costMicroUsd: 63, feature: "app-generation" }]);
  });
});
