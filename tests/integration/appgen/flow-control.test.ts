import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { cleanUpAppgenJob } from "@/inngest/functions/appgen/clean-up-appgen-job";
import { generateAppgenPage } from "@/inngest/functions/appgen/generate-appgen-page";
import { integrateAppgenJob } from "@/inngest/functions/appgen/integrate-appgen-job";
import { packageAppgenJob } from "@/inngest/functions/appgen/package-appgen-job";
import { startAppgenJob } from "@/inngest/functions/appgen/start-appgen-job";
import { validateAppgenJob } from "@/inngest/functions/appgen/validate-appgen-job";
import { setDeps } from "@/server/deps";
import { createTestDb } from "../../support/db";
import { embeddedDeps, seedWorld } from "../campaigns/support";
import { createPageTasks } from "@/server/appgen/pipeline/tasks";
import { jobRow, seedRunningJob, specOf, tasksOf } from "./pipeline-support";

// What the engine is told about the stage functions, and what their onFailure does when a stage gave up.
let handle: Awaited<ReturnType<typeof createTestDb>>;
beforeAll(async () => {
  handle = await createTestDb();
});
afterAll(async () => {
  setDeps();
  await handle?.close();
});

type Config = { id: string; concurrency?: unknown; cancel?: unknown; steps: Record<string, { retries?: { attempts: number } }>; triggers: { event?: string; expression?: string }[] };
const configOf = (fn: unknown) => (fn as { getConfig: (o: object) => Config[] }).getConfig({ baseUrl: new URL("http://app/api/inngest"), appPrefix: "aigency" });
const STAGES = [startAppgenJob, generateAppgenPage, integrateAppgenJob, validateAppgenJob, packageAppgenJob];

describe("the app generation stages, as the engine is told them", () => {
  it("pages run at most 4 per job (APPGEN_PAGE_PARALLELISM), retried 3 times; integration and validation one per job", () => {
    const [page] = configOf(generateAppgenPage);
    expect(page!.concurrency).toEqual([{ key: "event.data.jobId", limit: 4 }]);
    expect(Object.values(page!.steps)[0]!.retries).toEqual({ attempts: 3 });
    expect(configOf(integrateAppgenJob)[0]!.concurrency).toEqual([{ key: "event.data.jobId", limit: 1 }]);
    expect(configOf(validateAppgenJob)[0]!.concurrency).toEqual([{ key: "event.data.jobId", limit: 1 }]);
  });

  it("every stage is cancelled by its job's cancel request and has a failure handler", () => {
    for (const fn of STAGES) {
      const [main, failure] = configOf(fn);
      expect(main!.cancel, main!.id).toEqual([{ event: "appgen/job.cancel-requested", if: "event.data.jobId == async.data.jobId" }]);
      expect(failure!.triggers[0]!.event).toBe("inngest/function.failed");
    }
  });

  it("the clean-up listens to job.failed and to the cancellations of the stages only", () => {
    const [clean] = configOf(cleanUpAppgenJob);
    expect(clean!.triggers[0]).toEqual({ event: "appgen/job.failed" });
    expect(clean!.triggers[1]!.expression!.split(" || ")).toEqual(STAGES.map((f) => `event.data.function_id == 'aigency-${f.id()}'`));
  });
});

describe("a page that failed every retry", () => {
  it("fails the job with the page named, announces job.failed once, and a second failure changes nothing", async () => {
    const deps = embeddedDeps(handle.db);
    setDeps(deps);
    const world = await seedWorld(handle.db, { name: "Pia", connect: false });
    const job = await seedRunningJob(handle.db, world, specOf([{ pageId: "home", route: "/", name: "Home" }]));
    await createPageTasks(handle.db, { organizationId: job.organizationId, jobId: job.jobId, pageIds: ["home"] });
    const onFailure = (generateAppgenPage as unknown as { onFailureFn: (ctx: unknown) => Promise<unknown> }).onFailureFn;
    const fail = async () => {
      const sendEvent = vi.fn(async () => ({ ids: [] }));
      const error = new Error("The page agent failed: model timed out\n    at agent.ts:1");
      const out = await onFailure({
        event: { name: "inngest/function.failed", data: { error, event: { name: "appgen/page.requested", data: { ...job, pageId: "home" } } } },
        error,
        deps,
        step: { run: (_id: string, fn: () => unknown) => fn(), sendEvent },
      });
      return { out, sendEvent };
    };
    const first = await fail();
    expect(first.out).toMatchObject({ failed: true });
    expect(await jobRow(handle.db, job.jobId)).toMatchObject({ status: "failed", error: "Page home could not be generated: The page agent failed: model timed out", finishedAt: expect.any(Date) });
    expect(first.sendEvent).toHaveBeenCalledWith("emit-job-failed", expect.objectContaining({ name: "appgen/job.failed", id: `appgen-job-failed-${job.jobId}` }));
    expect(await tasksOf(handle.db, job.jobId)).toEqual([expect.objectContaining({ key: "page:home", status: "failed", attempt: 4, error: expect.stringContaining("model timed out") })]);
    const second = await fail();
    expect(second.out).toMatchObject({ failed: false });
    expect(second.sendEvent).not.toHaveBeenCalled();
  });
});
