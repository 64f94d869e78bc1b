import { stat } from "node:fs/promises";
import path from "node:path";
import { env, type Env } from "@/env";
import { SandboxTemplateMissingError } from "./types";

/** Written last by the snapshot builder, once a template directory is complete and verified. */
export const LOCAL_TEMPLATE_READY_FILE = ".ready";

/** Template names become directory names: lower-case words and digits joined by "-", "_" or ".". */
export function checkTemplateName(name: string): string {
  if (!/^[a-z0-9]+(?:[._-][a-z0-9]+)*$/.test(name)) {
    throw new Error(`Invalid sandbox template name: ${JSON.stringify(name)}`);
  }
  return name;
}

/** Parent of the embedded mode's pre-built templates: `<DATA_DIR>/sandbox-templates`. */
export function localTemplatesRoot(e: Pick<Env, "DATA_DIR"> = env()): string {
  return path.resolve(e.DATA_DIR, "sandbox-templates");
}

/** Where the snapshot builder prepares template `name` and where local sandboxes read it from. */
export function localTemplateDir(name: string, e: Pick<Env, "DATA_DIR"> = env()): string {
  return path.join(localTemplatesRoot(e), checkTemplateName(name));
}

/**
 * The absolute directory of a prepared template, shared read-only by every sandbox made from it
 * (never copied, so creating a sandbox stays a mkdir). Throws when it was never built.
 */
export async function requireReadyTemplate(root: string, name: string): Promise<string> {
  const dir = path.join(root, checkTemplateName(name));
  const ready = await stat(path.join(dir, LOCAL_TEMPLATE_READY_FILE)).then(
    () => true,
    () => false,
  );
  if (!ready) {
    throw new SandboxTemplateMissingError(
      name,
      `Sandbox template "${name}" is not prepared (no ${LOCAL_TEMPLATE_READY_FILE} in its directory); run the snapshot build first`,
    );
  }
  return dir;
}
