import { cron } from "inngest";
import { env } from "@/env";
import { inngest } from "@/inngest/client";
import { sandboxTemplateRefreshRequested } from "@/inngest/events";
import { SANDBOX_TEMPLATES } from "@/server/sandbox/templates";

/**
 * On SANDBOX_REFRESH_CRON (every 30 minutes by default): one refresh request per configured template,
 * each its own run with its own retries. Ids name template and tick, so a replayed tick asks once.
 */
export const refreshSandboxTemplates = inngest.createFunction(
  { id: "refresh-sandbox-templates", triggers: [cron(env().SANDBOX_REFRESH_CRON)] },
  async ({ event, step }) => {
    const tick = new Date(event.ts ?? Date.now()).toISOString().slice(0, 16);
    const templates = SANDBOX_TEMPLATES.map((t) => t.name);
    await step.sendEvent(
      "request-template-refreshes",
      templates.map((template) => sandboxTemplateRefreshRequested.create({ template }, { id: `template-refresh-${template}-${tick}` })),
    );
    return { templates };
  },
);
