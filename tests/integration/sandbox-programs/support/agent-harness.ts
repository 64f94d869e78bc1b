import { execFile } from "node:child_process";
import { cp, mkdir, mkdtemp, readFile, readdir, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

const repo = path.resolve(import.meta.dirname, "../../../..");
const agentSource = path.join(repo, "src/sandbox-programs/agents/creative");
const templateSource = path.join(repo, "src/sandbox-programs/templates/creative-agent");

export type Stage = "research" | "hooks" | "image-prompts" | "images";
export interface AgentInput {
  version: number;
  brandName: string;
  brandUrl: string;
  hookCount: number;
  feedback: string | null;
  plan: { research: boolean; hooks: "all" | "none" | number[]; images: "all" | "none" | number[]; reason: string };
}
export interface StageRun {
  code: number;
  stdout: string;
  stderr: string;
  result: { stage: string; files: string[]; inputTokens: number; outputTokens: number; generator: string } | null;
  error: string | null;
}

/** A template dir shaped like the sandbox's: package.json and rules copied, node_modules linked to the repo's. */
export async function makeTemplateDir(root: string): Promise<string> {
  const dir = path.join(root, "template");
  await mkdir(dir, { recursive: true });
  await cp(path.join(templateSource, "package.json"), path.join(dir, "package.json"));
  await cp(path.join(templateSource, "rules"), path.join(dir, "rules"), { recursive: true });
  await symlink(path.join(repo, "node_modules"), path.join(dir, "node_modules"), "dir");
  return dir;
}

export const tempRoot = () => mkdtemp(path.join(tmpdir(), "creative-agent-"));
export const removeRoot = (root: string) => rm(root, { recursive: true, force: true });

export function baseInput(brandUrl: string, overrides: Partial<AgentInput> = {}): AgentInput {
  return {
    version: 1,
    brandName: "Sunny Bakes",
    brandUrl,
    hookCount: 5,
    feedback: null,
    plan: { research: true, hooks: "all", images: "all", reason: "First version." },
    ...overrides,
  };
}

/** A work dir as the sandbox has it: the agent uploaded into agent/, input.json beside it. */
export async function makeWorkDir(root: string, name: string, input: AgentInput): Promise<string> {
  const dir = path.join(root, name);
  await mkdir(dir, { recursive: true });
  await cp(agentSource, path.join(dir, "agent"), { recursive: true });
  await writeInput(dir, input);
  return dir;
}

export const writeInput = (dir: string, input: AgentInput) =>
  writeFile(path.join(dir, "input.json"), JSON.stringify(input, null, 2));

const sandboxEnv = (extra: Record<string, string>) =>
  ({ PATH: process.env.PATH ?? "", ...extra }) as unknown as NodeJS.ProcessEnv;

/** Runs the real program as a child process with only the env a sandbox exec would get. */
export function runStage(
  workDir: string,
  stage: Stage,
  { templateDir, env = {} }: { templateDir: string; env?: Record<string, string> },
): Promise<StageRun> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [path.join(workDir, "agent/main.mjs"), stage],
      // Not process.env: a developer's own ANTHROPIC_API_KEY must not turn offline tests into model calls.
      { cwd: workDir, env: sandboxEnv({ AIGENCY_TEMPLATE_DIR: templateDir, ...env }), timeout: 60_000, encoding: "utf8" },
      (failure, stdout, stderr) => {
        const lines = stdout.trimEnd().split("\n");
        const last = lines.at(-1) ?? "";
        const code = failure ? (typeof failure.code === "number" ? failure.code : 1) : 0;
        resolve({
          code,
          stdout,
          stderr,
          result: last.startsWith("AIGENCY_RESULT ") ? JSON.parse(last.slice("AIGENCY_RESULT ".length)) : null,
          error: last.startsWith("AIGENCY_ERROR ") ? last.slice("AIGENCY_ERROR ".length) : null,
        });
      },
    );
  });
}

export async function runAllStages(workDir: string, options: { templateDir: string; env?: Record<string, string> }) {
  const runs: StageRun[] = [];
  for (const stage of ["research", "hooks", "image-prompts", "images"] as const) {
    const run = await runStage(workDir, stage, options);
    if (run.code !== 0) throw new Error(`stage ${stage} failed: ${run.stdout} ${run.stderr}`);
    runs.push(run);
  }
  return runs;
}

export const readOut = (workDir: string, name: string) => readFile(path.join(workDir, "out", name));
export const readOutJson = async <T>(workDir: string, name: string): Promise<T> =>
  JSON.parse((await readOut(workDir, name)).toString("utf8")) as T;

/** Every file under `dir` (relative path → bytes), agent/ left out. */
export async function filesUnder(dir: string, prefix = ""): Promise<Map<string, Buffer>> {
  const found = new Map<string, Buffer>();
  for (const entry of await readdir(path.join(dir, prefix), { withFileTypes: true })) {
    const rel = path.join(prefix, entry.name);
    if (rel === "agent") continue;
    if (entry.isDirectory()) for (const [k, v] of await filesUnder(dir, rel)) found.set(k, v);
    else found.set(rel, await readFile(path.join(dir, rel)));
  }
  return found;
}

export interface Hook {
  number: number;
  angle: string;
  trigger: string;
  headline: string;
  primaryText: string;
}
