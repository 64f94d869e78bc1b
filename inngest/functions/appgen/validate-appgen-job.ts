import { RetryAfterError } from "inngest";
import { inngest } from "@/inngest/client";
import { appIntegrationCompleted, appValidationCompleted } from "@/inngest/events/appgen";
import { MAX_FIX_ROUNDS } from "@/server/appgen/limits";
import { generateFix, recordAgentTask, writeAgentFiles } from "@/server/appgen/pipeline/agent-work";
import { addJobWarning, commandTimeout, loadRunningJob, setJobStatus } from "@/server/appgen/pipeline/job-state";
import { COMMAND_BUDGET_SECONDS, commandLine, recordValidationCommand, runValidationCommand, type ValidationCommand } from "@/server/appgen/pipeline/validate";
import { collectSources, readPackageScripts } from "@/server/appgen/pipeline/workspace";
import { plainError } from "@/server/creative/plain-error";
import { backoffFor } from "./generate-appgen-page";
import { cancelOnJob, failAndAnnounce, jobRef } from "./stage-failure";

/**
 * Validate and fix: npm install (a failure is a warning), then build (and lint when the app has a
 * lint script) until it passes; each failure starts a fix round with the exact redacted output and
 * what earlier rounds changed. Stops at the first pass, after 4 rounds (still packaged, with a
 * warning), or when the job's deadline or a cancellation ends it. Each command and agent call is a step.
 */
export const validateAppgenJob = inngest.createFunction(
  {
    id: "validate-appgen-job",
    triggers: [appIntegrationCompleted],
    concurrency: [{ key: "event.data.jobId", limit: 1 }],
    cancelOn: cancelOnJob,
    retries: 3,
    onFailure: async ({ event, step, deps, error }) => failAndAnnounce(step, deps, event.data.event.data, new Error(`Validation failed: ${plainError(error)}`)),
  },
  async ({ event, step, deps, runId, attempt }) => {
    const ref = jobRef(event.data);
    const sessions = deps.services.sandbox.sessions;
    const first = await step.run("load-job", async () => {
      const running = await loadRunningJob(deps.db, ref.jobId);
      if (running) await setJobStatus(deps.db, { jobId: ref.jobId, status: "running", stage: "validate" });
      return running;
    });
    if (!first?.sandboxId) return { outcome: "stopped" };
    const sandboxId = first.sandboxId;
    const scripts = await step.run("read-package-scripts", () => readPackageScripts(sessions, sandboxId));

    const run = async (command: ValidationCommand, round: number) => {
      const id = command === "install" ? "install" : `${command}-${round}`;
      const outcome = await step.run(id, () => runValidationCommand(sessions, { sandboxId, command, timeoutSeconds: commandTimeout(first, COMMAND_BUDGET_SECONDS[command]) }));
      await step.run(`record-${id}`, () => recordValidationCommand(deps.db, { ...ref, command, round, outcome }));
      return outcome;
    };
    await run("install", 0);

    // The first failing check of a round, or null when the app passed.
    const check = async (round: number) => {
      const build = await run("build", round);
      if (!build.ok) return { command: commandLine("build"), output: build.output };
      if (!scripts.lint) return null;
      const lint = await run("lint", round);
      return lint.ok ? null : { command: commandLine("lint"), output: lint.output };
    };

    const changes: string[] = [];
    let round = 0;
    let failure = await check(0);
    while (failure && round < MAX_FIX_ROUNDS) {
      const now = await step.run(`load-job-before-fix-${round + 1}`, () => loadRunningJob(deps.db, ref.jobId));
      if (!now) return { outcome: "stopped", fixRounds: round };
      round += 1;
      const n = round;
      await step.run(`start-fix-${n}`, () => setJobStatus(deps.db, { jobId: ref.jobId, status: "fixing", fixRound: n, stage: "fix" }));
      const files = await step.run(`collect-sources-${n}`, () => collectSources(sessions, { sandboxId, timeoutSeconds: commandTimeout(now, 60) }));
      const priorDiffSummary = changes.join("\n") || "No earlier fix rounds.";
      const thisFailure = failure;
      const fix = await step.run(`run-fix-agent-${n}`, async () => {
        try {
          return await generateFix({ db: deps.db, llm: deps.services.llm }, { ...ref, runId, round: n, failure: thisFailure, priorDiffSummary, files });
        } catch (error) {
          throw new RetryAfterError(`The fix agent failed: ${plainError(error)}`, backoffFor(attempt));
        }
      });
      const written = await step.run(`write-fix-files-${n}`, () => writeAgentFiles(sessions, { sandboxId, scope: { kind: "fix" }, files: fix.files }));
      await step.run(`record-fix-${n}`, () =>
        recordAgentTask(deps.db, {
          task: { organizationId: ref.organizationId, jobId: ref.jobId, key: `fix:${n}`, kind: "fix", round: n, status: "done", files: written.written },
          stage: "fix",
          summary: fix.summary,
          rejected: written.rejected,
          generator: fix.generator,
        }),
      );
      changes.push(`Round ${n}: ${fix.summary} (changed: ${written.written.join(", ") || "nothing"})`);
      failure = await check(n);
    }

    const passed = failure === null;
    const warnings = passed ? [] : [`${failure!.command} still fails after ${MAX_FIX_ROUNDS} fix rounds`];
    await step.run("finish-validation", async () => {
      for (const w of warnings) await addJobWarning(deps.db, ref.jobId, w);
      await setJobStatus(deps.db, { jobId: ref.jobId, status: "running", stage: "package" });
    });
    await step.sendEvent("emit-validation-completed", appValidationCompleted.create({ ...ref, passed, fixRounds: round, warnings }, { id: `appgen-validation-completed-${ref.jobId}` }));
    return { outcome: passed ? "passed" : "still-failing", fixRounds: round };
  },
);

