import { env } from "@/env";
import { inngest } from "@/inngest/client";
import { sandboxTemplateRefreshFailed, sandboxTemplateRefreshRequested } from "@/inngest/events";
import { alertOperators } from "@/server/sandbox/alert-operators";
import { refreshTemplate, finishRefreshAttempt, startRefreshAttempt } from "@/server/sandbox/refresh-template";
import { findActiveSnapshot } from "@/server/sandbox/snapshots";
import { sandboxKind } from "@/server/sandbox/build-snapshot";
import { SANDBOX_BUILD_CONCURRENCY } from "./build-queue";

/**
 * Refreshes one template: rebuilds the snapshot if the recipe changed, then checks the template in it.
 * The whole attempt is one step so each engine retry (2 → 3 attempts, with its backoff) is a fresh
 * attempt with its own `sandbox_template_refreshes` row. After the last one the operators hear of it.
 */
export const refreshSandboxTemplate = inngest.createFunction(
  {
    id: "refresh-sandbox-template",
    triggers: [sandboxTemplateRefreshRequested],
    concurrency: SANDBOX_BUILD_CONCURRENCY,
    // TEMPLATE_REFRESH_ATTEMPTS - 1 (the engine takes a literal; a test holds the two together).
    retries: 2,
    onFailure: async ({ event, step, deps }) => {
      const template = event.data.event.data.template;
      // The failure event's own copy of the last attempt's error (what the `error` argument is made from).
      const message = event.data.error.message;
      await step.sendEvent(
        "announce-refresh-failed",
        sandboxTemplateRefreshFailed.create({ template, error: message }, { id: `template-refresh-failed-${event.data.run_id}` }),
      );
      await step.run("alert-operators", async () => {
        const active = await findActiveSnapshot(deps.db, sandboxKind(env()));
        return alertOperators(deps, {
          env: env(),
          key: `refresh/${event.data.run_id}`,
          alert: { what: "Template refresh", subject: template, errorMessage: message, stillActive: active?.name ?? null },
        });
      });
      return { template, alerted: true };
    },
  },
  async ({ event, step, deps, runId, attempt }) => {
    const { template } = event.data;
    return step.run("refresh-template", async () => {
      const started = Date.now();
      const rowId = await startRefreshAttempt(deps.db, { template, runId, attempt: attempt + 1 });
      try {
        const result = await refreshTemplate({ db: deps.db, env: env(), template });
        await finishRefreshAttempt(deps.db, rowId, { status: "succeeded", durationMs: Date.now() - started });
        return { template, ...result };
      } catch (err) {
        const error = err instanceof Error ? err.message : String(err);
        await finishRefreshAttempt(deps.db, rowId, { status: "failed", error, durationMs: Date.now() - started });
        throw err;
      }
    });
  },
);
