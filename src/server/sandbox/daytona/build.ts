import type { Daytona } from "@daytonaio/sdk";
import type { Db } from "@/server/db";
import { recordColdStart } from "../cold-starts";
import type { ProbePlan } from "../probe";
import { recordBuild, type SnapshotBuildOutcome } from "../record-build";
import { DAYTONA_TEMPLATES_ROOT } from "../templates";
import type { TemplateSource } from "../template-source";
import { daytonaRecipe } from "./recipe";
import { createSnapshotWithin, verifyDaytonaSnapshot } from "./snapshot";

/** What verification checks in a Daytona sandbox: every template at its baked path, as the non-root user. */
export function daytonaProbePlan(sources: TemplateSource[]): ProbePlan {
  return {
    tools: [...new Set(sources.flatMap((s) => s.config.requiredTools))],
    requireNonRoot: true,
    templates: sources.map((s) => ({
      name: s.config.name,
      dir: `${DAYTONA_TEMPLATES_ROOT}/${s.config.name}`,
      rulesFiles: s.rulesFiles,
      dependencies: Object.keys(s.dependencies),
    })),
  };
}

/** Checks an existing snapshot again (the refresh's health check), recording the cold start. */
export async function checkDaytonaSnapshot(db: Db, daytona: Daytona, snapshotName: string, sources: TemplateSource[]) {
  const result = await verifyDaytonaSnapshot(daytona, { snapshotName, plan: daytonaProbePlan(sources) });
  await recordColdStart(db, { kind: "daytona", snapshot: snapshotName, purpose: "snapshot-verify", coldStartMs: result.coldStartMs });
  return result.verification;
}

/** One Daytona snapshot with every template baked in, named after its recipe's hash. */
export async function buildDaytonaSnapshot(
  db: Db,
  opts: { daytona: Daytona; sources: TemplateSource[]; deadlineMs: number },
): Promise<SnapshotBuildOutcome> {
  const recipe = daytonaRecipe(opts.sources);
  return recordBuild(db, {
    kind: "daytona",
    name: recipe.snapshotName,
    recipeHash: recipe.hash,
    stillPrepared: async () => true,
    build: async () => {
      await createSnapshotWithin(opts.daytona, recipe, {
        deadlineMs: opts.deadlineMs,
        // Build logs are long; only the lines that explain a failure reach the server log.
        onLogs: (line) => {
          if (/error|failed/i.test(line)) console.warn(`[sandbox] snapshot ${recipe.snapshotName}: ${line.slice(0, 300)}`);
        },
      });
    },
    verify: () => checkDaytonaSnapshot(db, opts.daytona, recipe.snapshotName, opts.sources),
  });
}
