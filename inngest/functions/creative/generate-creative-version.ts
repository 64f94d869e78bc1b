import { env } from "@/env";
import { inngest } from "@/inngest/client";
import { buildSandboxSnapshotFn } from "@/inngest/functions/sandbox/build-sandbox-snapshot";
import { creativeGenerationRequested, creativeVersionCancelRequested, creativeVersionCompleted, creativeVersionFailed } from "@/inngest/events";
import { creativeSessionChannel } from "@/inngest/realtime/creative";
import { collectVersionOutputs } from "@/server/creative/collect";
import { completeCreativeVersion, failCreativeVersion, versionCostMicros } from "@/server/creative/finish";
import { STAGES, stagesNeeded } from "@/server/creative/limits";
import { prepareCreativeVersion } from "@/server/creative/prepare";
import { CREATIVE_TEMPLATE, createVersionSandbox, deleteSandboxesOfVersion, deleteVersionSandbox, uploadVersionInputs } from "@/server/creative/sandbox-lifecycle";
import { plainError } from "@/server/creative/plain-error";
import { runCreativeStage, type AgentEnv } from "@/server/creative/stage-run";

/** The model the agent calls inside the sandbox when a key is configured (the planner's: it writes copy). */
function agentEnv(): AgentEnv {
  const e = env();
  return { ANTHROPIC_API_KEY: e.ANTHROPIC_API_KEY, ANTHROPIC_BASE_URL: e.ANTHROPIC_BASE_URL, ANTHROPIC_MODEL: e.ANTHROPIC_MODEL_PLANNER };
}

/**
 * One creative version, stage by stage in one sandbox kept across steps: prepare (plan + hydration),
 * create, upload, each stage the plan needs, collect, and ALWAYS delete, then complete or fail. One
 * version per session at a time; the finish timeout backs up the in-run 10-minute deadline, and a
 * cancelled or timed-out run is cleaned up by record-creative-cancellation.
 */
export const generateCreativeVersion = inngest.createFunction(
  {
    id: "generate-creative-version",
    triggers: [creativeGenerationRequested],
    concurrency: { key: "event.data.sessionId", limit: 1 },
    cancelOn: [{ event: creativeVersionCancelRequested, match: "data.versionId" }],
    timeouts: { finish: "10m" },
    retries: 2,
    // A step that kept failing outside the stages' own handling (prepare, the failure record itself).
    onFailure: async ({ event, step, deps, error, runId }) => {
      const data = event.data.event.data;
      await step.run("delete-labelled-sandboxes", () => deleteSandboxesOfVersion(deps.services.sandbox.sessions, data.versionId));
      const message = `The version could not be made: ${plainError(error)}`;
      const failed = await step.run("record-crashed", () => failCreativeVersion(deps.db, { versionId: data.versionId, runId, error: message }));
      if (failed.failed && failed.version) await step.sendEvent("emit-version-failed", creativeVersionFailed.create({ ...data, version: failed.version, error: message }));
      return { recorded: failed.failed };
    },
  },
  async ({ event, step, deps, runId }) => {
    const { organizationId, sessionId, versionId } = event.data;
    const sessions = deps.services.sandbox.sessions;
    const prepared = await step.run("prepare", () => prepareCreativeVersion(deps.db, { organizationId, sessionId, versionId }));
    if (!prepared) return { outcome: "no-version" };
    if (prepared.finished) return { outcome: "already-finished", status: prepared.status };

    const needed = stagesNeeded(prepared.plan);
    // Live progress for the session page; the version row stays the truth if nobody is watching.
    const channel = creativeSessionChannel({ sessionId });
    type Progress = { stage: "sandbox" | (typeof STAGES)[number] | "collect" | "done"; state: "running" | "done" | "skipped" | "failed"; label: string };
    const publish = (id: string, p: Progress) => step.realtime.publish(`progress-${id}`, channel.stage, { versionId, version: prepared.version, ...p });
    for (const stage of STAGES.filter((s) => !needed.has(s))) await publish(`${stage}-skipped`, { stage, state: "skipped", label: `${stage}: reused from v${prepared.hydratedFrom?.version ?? "?"}` });
    const usage = { inputTokens: 0, outputTokens: 0, generator: null as "offline" | "anthropic" | null };
    let sandbox: { id: string; createdAtMs: number } | null = null;
    let deletedAtMs: number | null = null;
    let failure: string | null = null;
    try {
      const createSandbox = () => createVersionSandbox({ db: deps.db, sandbox: deps.services.sandbox }, { versionId });
      let created = await step.run("create-sandbox", createSandbox);
      if (!created.ok && "templateMissing" in created) {
        // Through the build function, so it waits in the one build queue with the 30-minute refreshes.
        const built = await step.invoke("prepare-sandbox-template", {
          function: buildSandboxSnapshotFn,
          data: { reason: `creative version ${versionId}: the ${CREATIVE_TEMPLATE} template was not prepared` },
          timeout: "5m",
        });
        if (built.status === "failed") throw new Error(`The sandbox template could not be prepared: ${built.error}`);
        created = await step.run("create-sandbox-after-template", createSandbox);
      }
      if (!created.ok) {
        if ("id" in created) sandbox = created;
        throw new Error(created.error);
      }
      sandbox = created;
      await publish("sandbox", { stage: "sandbox", state: "done", label: "Sandbox ready" });
      await step.run("upload", () => uploadVersionInputs({ sessions, storage: deps.services.storage }, { sandboxId: created.id, prepared }));
      const made: string[] = [];
      for (const stage of STAGES.filter((s) => needed.has(s))) {
        const outcome = await step.run(`stage-${stage}`, () =>
          runCreativeStage({ db: deps.db, sessions }, { versionId, sandboxId: created.id, stage, startedAtMs: prepared.startedAtMs, env: agentEnv() }),
        );
        await publish(stage, { stage, state: outcome.ok ? "done" : "failed", label: outcome.ok ? `${stage} done` : outcome.error });
        if (!outcome.ok) throw new Error(outcome.error);
        made.push(...outcome.files);
        usage.inputTokens += outcome.inputTokens;
        usage.outputTokens += outcome.outputTokens;
        if (usage.generator !== "anthropic") usage.generator = outcome.generator;
      }
      const collected = await step.run("collect", () =>
        collectVersionOutputs(
          { db: deps.db, sessions, storage: deps.services.storage },
          { organizationId, sessionId, versionId, version: prepared.version, sandboxId: created.id, plan: prepared.plan, made, reused: prepared.reused, hydratedFromVersionId: prepared.hydratedFrom?.id ?? null },
        ),
      );
      if (!collected.ok) throw new Error(collected.error);
    } catch (error) {
      // A stage's verdict, a limit, or a step that failed its last retry: all end the version the same way.
      failure = plainError(error);
    } finally {
      const known = sandbox;
      if (known) deletedAtMs = (await step.run("delete-sandbox", () => deleteVersionSandbox(sessions, known.id))).deletedAtMs;
      else await step.run("delete-labelled-sandboxes", () => deleteSandboxesOfVersion(sessions, versionId));
    }

    const sandboxSeconds = sandbox && deletedAtMs ? Math.max(0, (deletedAtMs - sandbox.createdAtMs) / 1000) : 0;
    const ref = { organizationId, sessionId, versionId, version: prepared.version };
    if (failure !== null) {
      const error = failure;
      // A failed version still cost what its sandbox and finished stages used.
      const costMicros = versionCostMicros({ ...usage, model: agentEnv().ANTHROPIC_MODEL, sandboxSeconds });
      const failed = await step.run("record-failure", () => failCreativeVersion(deps.db, { versionId, runId, error, sandboxSeconds, costMicros }));
      await publish("failed", { stage: "done", state: "failed", label: error });
      if (failed.failed) await step.sendEvent("emit-version-failed", creativeVersionFailed.create({ ...ref, error }));
      return { outcome: "failed", error };
    }
    const done = await step.run("complete", () => completeCreativeVersion(deps.db, { versionId, runId, usage: { ...usage, model: agentEnv().ANTHROPIC_MODEL, sandboxSeconds } }));
    await publish("done", { stage: "done", state: "done", label: `Version ${prepared.version} is ready` });
    if (done.completed) await step.sendEvent("emit-version-completed", creativeVersionCompleted.create(ref));
    return { outcome: done.completed ? "completed" : "already-finished", plan: prepared.plan.reason };
  },
);
