import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { parseEnv } from "@/env";
import type { Db } from "@/server/db/client";
import { createSandbox, describeSandbox } from "@/server/services/sandbox";
import { wrapCommand } from "@/server/services/sandbox/daytona-sandbox";
import { buildSandboxEnv, checkSandboxPath, resolveInside, truncateOutput } from "@/server/services/sandbox/paths";

describe("sandbox path checks", () => {
  it("accepts relative paths and resolves them inside the root", () => {
    expect(checkSandboxPath("src/index.ts")).toBe("src/index.ts");
    expect(resolveInside("/tmp/box", "a/b.txt")).toBe("/tmp/box/a/b.txt");
  });

  it.each(["", "/etc/passwd", "../x", "a/../../x", "a//b", "./a", "a\\b"])("rejects %j", (input) => {
    expect(() => checkSandboxPath(input)).toThrow(/Invalid sandbox file path/);
  });
});

describe("truncateOutput", () => {
  it("keeps output under the cap untouched", () => {
    expect(truncateOutput("hello", 10)).toEqual({ output: "hello", truncated: false });
  });

  it("cuts at the byte cap without leaving half a character", () => {
    expect(truncateOutput("abcdef", 3)).toEqual({ output: "abc", truncated: true });
    // "é" is two bytes; a cap of 2 would split it after "a".
    expect(truncateOutput("aé", 2)).toEqual({ output: "a", truncated: true });
  });
});

describe("buildSandboxEnv", () => {
  it("passes only PATH, HOME, LANG and the job's variables", () => {
    const env = buildSandboxEnv("/tmp/box", { FOO: "bar" });
    expect(Object.keys(env).sort()).toEqual(["FOO", "HOME", "LANG", "PATH"]);
    expect(env.HOME).toBe("/tmp/box");
  });
});

describe("wrapCommand", () => {
  it("merges stderr into the output and survives single quotes", () => {
    const wrapped = wrapCommand(`echo 'out'; echo "it's err" 1>&2`);
    const output = execFileSync("sh", ["-c", wrapped], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
    expect(output).toBe("out\nit's err\n");
  });
});

describe("createSandbox / describeSandbox", () => {
  const db = {} as Db;
  it("chooses Daytona only when DAYTONA_API_KEY is set", () => {
    expect(createSandbox({ env: parseEnv({}), db }).kind).toBe("local");
    const env = parseEnv({ DAYTONA_API_KEY: "dtn_x", DAYTONA_SNAPSHOT: "aigency-node" });
    expect(createSandbox({ env, db }).kind).toBe("daytona");
    expect(describeSandbox(env)).toMatchObject({ implementation: "Daytona", simulated: false });
    expect(describeSandbox(env).detail).toContain("aigency-node");
    expect(describeSandbox(parseEnv({})).implementation).toBe("Local process (embedded)");
  });
});
