import path from "node:path";
import type { Env } from "@/env";

/** A pre-built template: what the snapshot bakes in and what verification insists on. */
export interface TemplateConfig {
  name: string;
  /** Relative to the app's root: package.json, rules/*.md and any starter files. */
  sourceDir: string;
  /** Commands that must be on PATH in a sandbox made from the snapshot. */
  requiredTools: string[];
  /** Rules files (relative to the template) that must be there; every other rules/*.md found is checked too. */
  rulesFiles: string[];
}

/** The templates the 30-minute refresh keeps built: the creative agent's bundle and the app-generation starter. */
export const SANDBOX_TEMPLATES: readonly TemplateConfig[] = [
  {
    name: "creative-agent",
    sourceDir: "src/sandbox-programs/templates/creative-agent",
    requiredTools: ["node", "npm"],
    // What the agent reads for each stage (src/sandbox-programs/agents/creative/); a lost one fails verification.
    rulesFiles: ["rules/brand-voice.md", "rules/hooks.md", "rules/images.md", "rules/research.md"],
  },
  {
    name: "app-starter",
    sourceDir: "src/sandbox-programs/templates/app-starter",
    requiredTools: ["node", "npm", "git"],
    rulesFiles: ["rules/app-starter.md"],
  },
];

/** Where templates are baked inside a Daytona snapshot: the same constant the Daytona sessions point AIGENCY_TEMPLATE_DIR into. */
export { DAYTONA_TEMPLATE_ROOT as DAYTONA_TEMPLATES_ROOT } from "@/server/services/sandbox/daytona-sessions";

export function findTemplate(name: string, templates: readonly TemplateConfig[] = SANDBOX_TEMPLATES): TemplateConfig {
  const found = templates.find((t) => t.name === name);
  if (!found) throw new Error(`Unknown sandbox template "${name}"`);
  return found;
}

/** `<DATA_DIR>/sandbox-templates`, resolved against the working directory (the local sandbox reads the same). */
export function localTemplatesRoot(env: Pick<Env, "DATA_DIR">, cwd = process.cwd()): string {
  return path.resolve(cwd, env.DATA_DIR, "sandbox-templates");
}

/** A local template is usable only once this file exists in its directory; it holds the template's hash (the local sandbox checks the same name). */
export { LOCAL_TEMPLATE_READY_FILE as READY_MARKER } from "@/server/services/sandbox/local-templates";

/** Each template refresh gets this many attempts (the engine's retries plus the first) before operators hear. */
export const TEMPLATE_REFRESH_ATTEMPTS = 3;
