import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import type { SandboxFile } from "@/server/services/sandbox/types";

/** The creative agent's source: plain ESM, uploaded as it is into `agent/` on every run. */
export const CREATIVE_AGENT_DIR = path.join(process.cwd(), "src", "sandbox-programs", "agents", "creative");

/** Every file of the agent program (tests and notes left out), as sandbox files under `agent/`. */
export async function readAgentProgram(dir: string = CREATIVE_AGENT_DIR): Promise<SandboxFile[]> {
  let entries: string[];
  try {
    entries = await readdir(dir, { recursive: true });
  } catch {
    throw new Error(`The creative agent program is missing (${path.relative(process.cwd(), dir)})`);
  }
  const files = entries.filter((f) => /\.(mjs|js|json)$/.test(f) && !/(^|\/)(tests?|__tests__)\//.test(f.split(path.sep).join("/")));
  if (!files.some((f) => f === "main.mjs")) throw new Error("The creative agent program has no main.mjs");
  return Promise.all(files.sort().map(async (f) => ({ path: `agent/${f.split(path.sep).join("/")}`, content: await readFile(path.join(dir, f)) })));
}
