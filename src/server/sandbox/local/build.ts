import { createHash } from "node:crypto";
import path from "node:path";
import type { Db } from "@/server/db";
import type { SnapshotVerification } from "@/server/db/schema";
import { probeScript, readProbe, type ProbePlan } from "../probe";
import { recordBuild, type SnapshotBuildOutcome } from "../record-build";
import type { TemplateSource } from "../template-source";
import {
  keepPreparedTemplate,
  planLocalTemplate,
  prepareLocalTemplate,
  readyHash,
  removeLeftovers,
  restorePreviousTemplate,
  type LocalTemplatePlan,
  type PreparedTemplate,
} from "./prepare-template";
import { localProbeRunner, type RunProbe } from "./probe-runner";

export interface LocalBuildOptions {
  sources: TemplateSource[];
  /** `<DATA_DIR>/sandbox-templates`. */
  root: string;
  appRoot?: string;
  runProbe?: RunProbe;
}

/** Local sandboxes run as the app's own user, so the non-root check is Daytona's alone. */
export function localProbePlan(root: string, plans: LocalTemplatePlan[]): ProbePlan {
  return {
    tools: [...new Set(plans.flatMap((p) => p.source.config.requiredTools))],
    requireNonRoot: false,
    templates: plans.map((p) => ({
      name: p.source.config.name,
      dir: path.join(root, p.source.config.name),
      rulesFiles: p.source.rulesFiles,
      dependencies: Object.keys(p.source.dependencies),
    })),
  };
}

export async function checkLocalTemplates(opts: LocalBuildOptions, plans: LocalTemplatePlan[]): Promise<SnapshotVerification> {
  const plan = localProbePlan(opts.root, plans);
  const run = opts.runProbe ?? localProbeRunner(opts.root);
  const { output } = await run(probeScript(plan));
  return readProbe(plan, output);
}

const isReady = async (root: string, p: LocalTemplatePlan) => (await readyHash(path.join(root, p.source.config.name))) === p.hash;

/**
 * Embedded mode's snapshot: one directory per template under `<DATA_DIR>/sandbox-templates/`, each
 * prepared only when its own hash changed, then all verified together with the same probe as Daytona.
 */
export async function buildLocalTemplates(db: Db, opts: LocalBuildOptions): Promise<SnapshotBuildOutcome> {
  const plans = opts.sources.map((s) => planLocalTemplate(s, opts.appRoot));
  const recipeHash = createHash("sha256").update(plans.map((p) => `${p.source.config.name}:${p.hash}`).join("\n")).digest("hex");
  const prepared: PreparedTemplate[] = [];
  const undo = async () => {
    for (const p of prepared.reverse()) await restorePreviousTemplate(p);
    prepared.length = 0;
  };
  const outcome = await recordBuild(db, {
    kind: "local",
    name: `aigency-agents-${recipeHash.slice(0, 12)}`,
    recipeHash,
    stillPrepared: async () => (await Promise.all(plans.map((p) => isReady(opts.root, p)))).every(Boolean),
    build: async () => {
      await removeLeftovers(opts.root);
      try {
        for (const plan of plans) {
          if (!(await isReady(opts.root, plan))) prepared.push(await prepareLocalTemplate(plan, opts));
        }
      } catch (err) {
        await undo();
        throw err;
      }
    },
    verify: () => checkLocalTemplates(opts, plans),
    discard: undo,
  });
  for (const p of prepared) await keepPreparedTemplate(p);
  return outcome;
}
