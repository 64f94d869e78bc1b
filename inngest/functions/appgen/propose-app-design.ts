import { inngest } from "@/inngest/client";
import { appDesignProposed, appDesignRequested } from "@/inngest/events";
import { proposeDesign } from "@/server/appgen/design/propose";
import { loadDesignInputs, markDesignFailed, markDesignReady } from "@/server/appgen/design/records";

const DESIGN_RETRIES = 3;

/**
 * The design step: one model call proposes the page tree and 2–3 previews per page from the project's
 * brief; the design is recorded READY (and announced) or FAILED with the reason the owner sees.
 */
export const proposeAppDesign = inngest.createFunction(
  {
    id: "propose-app-design",
    triggers: [appDesignRequested],
    retries: DESIGN_RETRIES,
  },
  async ({ event, step, runId, attempt, deps }) => {
    const { organizationId, ownerId, projectId, designId } = event.data;
    const inputs = await step.run("load-design-inputs", () => loadDesignInputs(deps.db, { organizationId, designId }));
    if ("missing" in inputs) return { outcome: "skipped", reason: inputs.missing };

    const proposal = await step.run("propose-design", async () => {
      try {
        return await proposeDesign(deps.services.llm, { facts: inputs.facts, usage: { organizationId, projectId, runId, feature: "app-generation", dedupeKey: `appgen-design:${designId}` } });
      } catch (err) {
        // Model down or timing out: retried with backoff; the last attempt ends FAILED instead of PROPOSING forever.
        if (attempt < DESIGN_RETRIES) throw err;
        return { ok: false as const, error: `The model could not be reached: ${err instanceof Error ? err.message : String(err)}`, generator: deps.services.llm.kind };
      }
    });

    if (!proposal.ok) {
      await step.run("record-design-failed", () => markDesignFailed(deps.db, { designId, error: proposal.error, generator: proposal.generator }));
      return { outcome: "failed", error: proposal.error };
    }
    const recorded = await step.run("record-design-ready", () =>
      markDesignReady(deps.db, { designId, facts: inputs.facts, style: proposal.style, pages: proposal.pages, generator: proposal.generator }),
    );
    // Another run decided the design first (a duplicate delivery): its answer stands, and it announces it.
    if (!recorded.updated) return { outcome: "skipped", reason: "decided by another run" };
    await step.sendEvent(
      "emit-design-proposed",
      appDesignProposed.create({ organizationId, ownerId, projectId, designId, pageCount: proposal.pages.length }, { id: `appgen-design-proposed-${designId}` }),
    );
    return { outcome: "ready", pageCount: proposal.pages.length };
  },
);
