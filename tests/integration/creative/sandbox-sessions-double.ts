import { SandboxGoneError, SandboxLimitError, type SandboxExecOptions, type SandboxExecResult, type SandboxSessions } from "@/server/services/sandbox/types";

/**
 * TEST DOUBLE of SandboxSessions: an in-memory sandbox per id whose `node agent/main.mjs <stage>`
 * is a fake agent that really writes the contract's output files (marked with the version number,
 * so tests can tell made from reused). It records every create/exec/delete, and a test can make a
 * stage time out, exit non-zero, write an oversized file, print a secret, or let time pass.
 */
export type StageBehaviour = "ok" | "timeout" | "exit-nonzero" | "oversized-image" | "leak-key";

interface FakeSandbox {
  labels: Record<string, string>;
  files: Map<string, Buffer>;
  alive: boolean;
}

interface Plan {
  research: boolean;
  hooks: "all" | "none" | number[];
  images: "all" | "none" | number[];
}

export function sandboxSessionsDouble(opts: { behaviour?: Partial<Record<string, StageBehaviour>>; beforeStage?: (stage: string) => void } = {}) {
  const sandboxes = new Map<string, FakeSandbox>();
  const calls: { op: "create" | "upload" | "exec" | "download" | "delete"; id?: string; command?: string; env?: Record<string, string>; timeoutSeconds?: number; paths?: string[] }[] = [];
  let next = 1;

  const live = (id: string) => {
    const box = sandboxes.get(id);
    if (!box?.alive) throw new SandboxGoneError(id);
    return box;
  };
  const result = (output: string, exitCode = 0, timedOut = false): SandboxExecResult => ({ exitCode, output, outputTruncated: false, timedOut, durationMs: 5 });

  function runStage(box: FakeSandbox, stage: string, env: Record<string, string>): SandboxExecResult {
    const input = JSON.parse(box.files.get("input.json")!.toString()) as { version: number; brandName: string; hookCount: number; plan: Plan };
    const behaviour = opts.behaviour?.[stage] ?? "ok";
    opts.beforeStage?.(stage);
    if (behaviour === "timeout") return result("working...\n", 124, true);
    if (behaviour === "exit-nonzero") return result(`fetching ${stage}\nAIGENCY_ERROR The brand site answered 500.\n`, 1);
    const v = input.version;
    const write = (name: string, body: string | Buffer) => box.files.set(`out/${name}`, Buffer.isBuffer(body) ? body : Buffer.from(body));
    const hooks = () => JSON.parse(box.files.get("out/hooks.json")?.toString() ?? "[]") as { number: number; headline: string }[];
    const targets = (which: "all" | "none" | number[]) => (which === "all" ? hooks().map((h) => h.number) : which === "none" ? [] : which);
    let files: string[] = [];
    if (stage === "research") {
      write("research.md", `# ${input.brandName} research (v${v})\n`);
      write("research.json", JSON.stringify({ offer: `offer v${v}`, audience: "parents", proofPoints: [], colours: ["#aa3300"], tone: "warm", sourceTitle: input.brandName }));
      files = ["out/research.md", "out/research.json"];
    } else if (stage === "hooks") {
      const before = hooks();
      const rewrite = input.plan.hooks === "all" ? null : (input.plan.hooks as number[]);
      const list = Array.from({ length: input.hookCount }, (_, i) => i + 1).map((n) =>
        rewrite && !rewrite.includes(n) && before.find((h) => h.number === n)
          ? before.find((h) => h.number === n)!
          : { number: n, angle: `angle ${n}`, trigger: "joy", headline: `Hook ${n} from v${v}`, primaryText: `Text ${n} v${v}` },
      );
      write("hooks.json", JSON.stringify(list));
      write("hooks.md", list.map((h) => `- ${h.headline}`).join("\n"));
      files = ["out/hooks.json", "out/hooks.md"];
    } else if (stage === "image-prompts") {
      write("image-prompts.json", JSON.stringify(targets(input.plan.images).flatMap((n) => [{ hookNumber: n, size: "1200x628", prompt: `v${v}` }])));
      files = ["out/image-prompts.json"];
    } else if (stage === "images") {
      for (const n of targets(input.plan.images)) {
        for (const size of ["1200x628", "1080x1080"]) {
          const big = behaviour === "oversized-image" && n === 1 && size === "1200x628";
          write(`images/hook-${n}-${size}.png`, big ? Buffer.alloc(9 * 1024 * 1024, 1) : Buffer.from(`PNG hook ${n} ${size} v${v}`));
          files.push(`out/images/hook-${n}-${size}.png`);
        }
      }
    }
    const leak = behaviour === "leak-key" ? `debug: key is ${env.ANTHROPIC_API_KEY}\n` : "";
    const generator = env.ANTHROPIC_API_KEY ? "anthropic" : "offline";
    return result(`${leak}AIGENCY_RESULT ${JSON.stringify({ stage, files, inputTokens: 100, outputTokens: 50, generator })}\n`);
  }

  const sessions: SandboxSessions = {
    async create(o) {
      const id = `double-${next++}`;
      sandboxes.set(id, { labels: { ...o.labels, app: "aigency" }, files: new Map(), alive: true });
      calls.push({ op: "create", id });
      return { id, snapshot: "double-template" };
    },
    async upload(id, files) {
      const box = live(id);
      for (const f of files) box.files.set(f.path, Buffer.isBuffer(f.content) ? f.content : Buffer.from(f.content));
      calls.push({ op: "upload", id, paths: files.map((f) => f.path) });
    },
    async exec(id, o: SandboxExecOptions) {
      const box = live(id);
      calls.push({ op: "exec", id, command: o.command, env: o.env, timeoutSeconds: o.timeoutSeconds });
      if (o.command === "node --version") return result("v20.0.0\n");
      const stage = /^node agent\/main\.mjs ([\w-]+)$/.exec(o.command)?.[1];
      if (!stage || !box.files.has("agent/main.mjs")) return result("node: cannot find agent/main.mjs\n", 1);
      return runStage(box, stage, o.env ?? {});
    },
    async download(id, paths, limits) {
      const box = live(id);
      calls.push({ op: "download", id, paths });
      const out: Record<string, Buffer> = {};
      let total = 0;
      for (const p of paths) {
        const body = box.files.get(p);
        if (!body) continue;
        if (body.length > limits.maxFileBytes) throw new SandboxLimitError(`${p} is ${body.length} bytes, over the ${limits.maxFileBytes}-byte cap`);
        total += body.length;
        if (total > limits.maxTotalBytes) throw new SandboxLimitError(`the files together are over ${limits.maxTotalBytes} bytes`);
        out[p] = body;
      }
      return out;
    },
    async delete(id) {
      calls.push({ op: "delete", id });
      const box = sandboxes.get(id);
      if (!box?.alive) return false;
      box.alive = false;
      return true;
    },
    async findByLabels(labels) {
      return [...sandboxes.entries()].filter(([, b]) => b.alive && Object.entries(labels).every(([k, v]) => b.labels[k] === v)).map(([id]) => id);
    },
    async findLabelled(key) {
      return [...sandboxes.entries()].filter(([, b]) => b.alive && key in b.labels).map(([id, b]) => ({ id, labels: b.labels }));
    },
  };
  const alive = () => [...sandboxes.entries()].filter(([, b]) => b.alive).map(([id]) => id);
  return { sessions, calls, alive, sandboxes };
}
