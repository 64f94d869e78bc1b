import type { Daytona } from "@daytonaio/sdk";
import type { Env } from "@/env";
import type { Db } from "@/server/db";
import { buildDaytonaSnapshot } from "./daytona/build";
import { daytonaClient } from "./daytona/snapshot";
import { buildLocalTemplates } from "./local/build";
import type { RunProbe } from "./local/probe-runner";
import type { SnapshotBuildOutcome } from "./record-build";
import type { SandboxKind } from "./snapshots";
import { localTemplatesRoot, SANDBOX_TEMPLATES, type TemplateConfig } from "./templates";
import { readTemplateSource, type TemplateSource } from "./template-source";

export type { SnapshotBuildOutcome } from "./record-build";

/** A Daytona snapshot build (image + npm installs) that takes longer than this is abandoned. */
export const SNAPSHOT_BUILD_DEADLINE_MS = 20 * 60_000;

export interface SnapshotBuildInput {
  db: Db;
  env: Pick<Env, "DAYTONA_API_KEY" | "DAYTONA_API_URL" | "DATA_DIR">;
  templates?: readonly TemplateConfig[];
  /** Where the template sources and the app's node_modules are; the working directory by default. */
  appRoot?: string;
  deadlineMs?: number;
  /** Tests: the local probe's runner. */
  runProbe?: RunProbe;
}

/** Daytona when it is configured (as the sandbox service chooses), the local template directory otherwise. */
export function sandboxKind(env: Pick<Env, "DAYTONA_API_KEY">): SandboxKind {
  return env.DAYTONA_API_KEY ? "daytona" : "local";
}

export function readSources(input: Pick<SnapshotBuildInput, "templates" | "appRoot">): Promise<TemplateSource[]> {
  return Promise.all((input.templates ?? SANDBOX_TEMPLATES).map((t) => readTemplateSource(t, input.appRoot)));
}

export function daytonaFor(env: SnapshotBuildInput["env"]): Daytona {
  if (!env.DAYTONA_API_KEY) throw new Error("Daytona is not configured");
  return daytonaClient({ apiKey: env.DAYTONA_API_KEY, apiUrl: env.DAYTONA_API_URL });
}

/** Builds and verifies the snapshot for every configured template, or finds it already ACTIVE. */
export async function buildSandboxSnapshot(input: SnapshotBuildInput): Promise<SnapshotBuildOutcome> {
  const sources = await readSources(input);
  if (sandboxKind(input.env) === "daytona") {
    return buildDaytonaSnapshot(input.db, {
      daytona: daytonaFor(input.env),
      sources,
      deadlineMs: input.deadlineMs ?? SNAPSHOT_BUILD_DEADLINE_MS,
    });
  }
  return buildLocalTemplates(input.db, {
    sources,
    root: localTemplatesRoot(input.env, input.appRoot),
    appRoot: input.appRoot,
    runProbe: input.runProbe,
  });
}
