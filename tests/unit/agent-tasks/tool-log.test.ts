import { describe, expect, it } from "vitest";
import { callTool, type AgentLog } from "@/server/agent-tasks/agents/tool-log";
import { unifiedDiff } from "@/server/agent-tasks/agents/web-builder/unified-diff";

function recording() {
  const rows: { level: string; message: string; data?: Record<string, unknown> }[] = [];
  const log: AgentLog = async (level, message, data) => {
    rows.push({ level, message, data });
  };
  return { log, rows };
}

describe("agent tool calls are logged redacted", () => {
  it("logs the tool, its input with secrets blanked, and its outcome", async () => {
    const { log, rows } = recording();
    const out = await callTool(log, {
      tool: "read_brief",
      input: { note: "token=EAABsecretsecretsecretsecret1234 and sk-ant-api03-abcdef" },
      run: async () => 42,
      describe: (n) => `answer ${n} with Authorization: Bearer abc.def`,
    });
    expect(out).toBe(42);
    const text = JSON.stringify(rows);
    expect(text).not.toMatch(/EAABsecret|sk-ant-api03|Bearer abc/);
    expect(rows).toEqual([{ level: "INFO", message: "tool read_brief", data: expect.objectContaining({ tool: "read_brief", outcome: "ok" }) }]);
  });

  it("logs a failure with its redacted message and rethrows it", async () => {
    const { log, rows } = recording();
    const failing = callTool(log, { tool: "diagnose", input: {}, run: () => Promise.reject(new Error("bad key sk-ant-api03-zzzz")), describe: () => "" });
    await expect(failing).rejects.toThrow("bad key");
    expect(rows[0]).toMatchObject({ level: "ERROR", data: { tool: "diagnose", outcome: "error", error: "bad key [redacted]" } });
  });
});

describe("unifiedDiff", () => {
  it("diffs changed, added and removed files and nothing else", () => {
    const b = (s: string) => Buffer.from(s);
    const { patch, changed } = unifiedDiff({ "a.txt": b("one\n"), "same.txt": b("x\n"), "gone.txt": b("bye\n") }, { "a.txt": b("two\n"), "same.txt": b("x\n"), "new.txt": b("hi\n") });
    expect(changed).toEqual(["a.txt", "gone.txt", "new.txt"]);
    expect(patch).toContain("--- a/a.txt\n+++ b/a.txt\n@@ -1,1 +1,1 @@\n-one\n+two\n");
    expect(patch).toContain("--- a/gone.txt\n+++ /dev/null");
    expect(patch).toContain("--- /dev/null\n+++ b/new.txt");
    expect(unifiedDiff({ "a.txt": b("x") }, { "a.txt": b("x") }).patch).toBe("");
  });
});
