import { env } from "@/env";
import { inngest } from "@/inngest/client";
import { sandboxSnapshotBuildRequested } from "@/inngest/events";
import { alertOperators } from "@/server/sandbox/alert-operators";
import { buildSandboxSnapshot } from "@/server/sandbox/build-snapshot";
import { findActiveSnapshot } from "@/server/sandbox/snapshots";
import { SANDBOX_BUILD_CONCURRENCY } from "./build-queue";

/**
 * Builds the agents' snapshot (Daytona) or local template directories, verifies them in a real sandbox,
 * and only then makes them ACTIVE. One build at a time (a queue shared with the refreshes).
 * A failure is recorded FAILED (the previous ACTIVE stays) and the operators are emailed.
 */
export const buildSandboxSnapshotFn = inngest.createFunction(
  { id: "build-sandbox-snapshot", triggers: [sandboxSnapshotBuildRequested], concurrency: SANDBOX_BUILD_CONCURRENCY },
  async ({ step, deps }) => {
    const e = env();
    const outcome = await step.run("build-and-verify", () => buildSandboxSnapshot({ db: deps.db, env: e }));
    if (outcome.status !== "failed") return outcome;
    await step.run("alert-operators", async () => {
      const active = await findActiveSnapshot(deps.db, outcome.kind);
      return alertOperators(deps, {
        env: e,
        key: `snapshot/${outcome.snapshotId}`,
        alert: { what: "Snapshot build", subject: outcome.name, errorMessage: outcome.error, stillActive: active?.name ?? null },
      });
    });
    return outcome;
  },
);
