import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appendAgentLog, redactDeep } from "@/server/agent-tasks/logs";
import { agentLogs } from "@/server/db/schema";
import { createTestDb } from "../../support/db";
import { embeddedDeps, seedWorld } from "../campaigns/support";
import { runClassify, seedIssue } from "./runner-support";
import { setDeps } from "@/server/deps";

let handle: Awaited<ReturnType<typeof createTestDb>>;
beforeAll(async () => {
  handle = await createTestDb();
  setDeps(embeddedDeps(handle.db));
});
afterAll(async () => {
  setDeps();
  await handle?.close();
});

describe("appendAgentLog", () => {
  it("redacts the message and every level of the data before writing; nothing secret reaches the row", async () => {
    const world = await seedWorld(handle.db, { name: "Lou", connect: false });
    const issue = await seedIssue(handle.db, world, { title: "Write new hooks" });
    const { jobId } = (await runClassify(issue)).result as { jobId: string };
    const fbToken = `EAA${"x".repeat(30)}`;
    await appendAgentLog(handle.db, {
      organizationId: issue.organizationId,
      jobId,
      level: "INFO",
      message: `tool read-campaigns called with Authorization: Bearer abc.def and key sk-ant-api03-AAAA-bbbb`,
      data: {
        input: { accessToken: fbToken, nested: [{ url: "https://user:hunter22@db.example/x", note: `token=${fbToken}` }], password: 12345678 },
        harmless: "CPL went from $12 to $25",
        count: 3,
      },
      secrets: ["my-own-secret-value"],
    });
    await appendAgentLog(handle.db, { organizationId: issue.organizationId, jobId, level: "WARN", message: "echo my-own-secret-value" , secrets: ["my-own-secret-value"] });
    const rows = await handle.db.select().from(agentLogs).where(eq(agentLogs.jobId, jobId));
    const stored = JSON.stringify(rows);
    for (const secret of ["abc.def", "sk-ant-api03", fbToken, "hunter22", "12345678", "my-own-secret-value"]) expect(stored).not.toContain(secret);
    const line = rows.find((r) => r.message.startsWith("tool read-campaigns"))!;
    expect(line.message).toBe("tool read-campaigns called with Authorization: [redacted] and key [redacted]");
    expect(line.data).toEqual({
      input: { accessToken: "[redacted]", nested: [{ url: "https://[redacted]@db.example/x", note: "token=[redacted]" }], password: "[redacted]" },
      harmless: "CPL went from $12 to $25",
      count: 3,
    });
  });

  it("redactDeep leaves numbers, booleans and nulls alone and cuts off absurd nesting", () => {
    expect(redactDeep({ a: 1, b: true, c: null, d: ["x"] })).toEqual({ a: 1, b: true, c: null, d: ["x"] });
    let deep: unknown = "sk-ant-deep-secret";
    for (let i = 0; i < 12; i++) deep = { deep };
    expect(JSON.stringify(redactDeep(deep))).not.toContain("sk-ant");
  });
});
