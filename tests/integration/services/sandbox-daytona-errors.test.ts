import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createDaytonaSandbox } from "@/server/services/sandbox/daytona-sandbox";
import type { SandboxSessions } from "@/server/services/sandbox/types";
import { SandboxGoneError, SandboxUnavailableError } from "@/server/services/sandbox/types";
import { createDaytonaMock, DAYTONA_TEST_API_URL, DAYTONA_TEST_KEY, DAYTONA_WORK_DIR } from "../../mocks/daytona";

const mock = createDaytonaMock();
const server = setupServer(...mock.handlers);
const connect = () =>
  createDaytonaSandbox({
    apiKey: DAYTONA_TEST_KEY,
    apiUrl: DAYTONA_TEST_API_URL,
    snapshot: "aigency-node",
    retry: { attempts: 3, baseDelayMs: 5, maxRetryAfterMs: 2_000 },
  }).sessions;

beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => mock.reset());
afterAll(() => server.close());

const limits = { maxFileBytes: 1024, maxTotalBytes: 1024 };

/** Each call the sessions make, how to provoke it on a fresh sandbox, and what it answers when it works. */
const operations: {
  name: string;
  call: string;
  run: (s: SandboxSessions, id: string) => Promise<unknown>;
  ok: unknown;
  /** The SDK streams this reply and never reads an error body, so the message has only the status. */
  bodyUnread?: boolean;
}[] = [
  {
    name: "create sandbox",
    call: "POST /sandbox",
    run: (s) => s.create({ labels: {} }).then((r) => r.snapshot),
    ok: "aigency-node",
  },
  // A fresh instance has no cached handle, so it must look the sandbox up first.
  {
    name: "get sandbox",
    call: "GET /sandbox/:id",
    run: (_s, id) => connect().delete(id),
    ok: true,
  },
  {
    name: "upload",
    call: "POST /toolbox/:id/files/bulk-upload",
    run: (s, id) => s.upload(id, [{ path: "a.txt", content: "a" }]),
    ok: undefined,
  },
  {
    name: "execute",
    call: "POST /toolbox/:id/process/execute",
    run: (s, id) => s.exec(id, { command: "true", timeoutSeconds: 5 }).then((r) => r.exitCode),
    ok: 0,
  },
  {
    name: "download",
    call: "POST /toolbox/:id/files/bulk-download",
    run: (s, id) => s.download(id, ["in.txt"], limits),
    ok: { "in.txt": Buffer.from("in") },
    bodyUnread: true,
  },
  {
    name: "download",
    call: "GET /toolbox/:id/files/info",
    run: (s, id) => s.download(id, ["in.txt"], limits),
    ok: { "in.txt": Buffer.from("in") },
  },
  {
    name: "delete sandbox",
    call: "DELETE /sandbox/:id",
    run: (s, id) => s.delete(id),
    ok: true,
  },
  {
    name: "list sandboxes",
    call: "GET /sandbox",
    run: (s) => s.findByLabels({ purpose: "errors" }),
    ok: [],
  },
];

async function freshSandbox() {
  const sessions = connect();
  const { id } = await sessions.create({ labels: { kind: "fixture" } });
  mock.sandboxes.get(id)!.files.set(`${DAYTONA_WORK_DIR}/in.txt`, Buffer.from("in"));
  mock.calls.length = 0;
  return { sessions, id };
}
const callsTo = (call: string, id: string) => mock.calls.filter((c) => c === call.replace(":id", id)).length;

describe.each([409, 429, 500, 503])("Daytona answers %i", (status) => {
  it.each(operations)("$call ($name): retried, then succeeds", async (op) => {
    const { sessions, id } = await freshSandbox();
    mock.fail(op.call, { status, body: { message: `transient ${status}` } }, 2);
    expect(await op.run(sessions, id)).toEqual(op.ok);
    expect(callsTo(op.call, id)).toBe(3);
  });

  it.each(operations)("$call ($name): a clear error after the last try", async (op) => {
    const { sessions, id } = await freshSandbox();
    mock.fail(op.call, { status, body: { message: `still ${status}` } }, 10);
    const err = await op.run(sessions, id).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SandboxUnavailableError);
    expect((err as Error).message).toMatch(
      new RegExp(
        `^Daytona ${op.name} failed after 3 attempts \\(HTTP ${status}${op.bodyUnread ? "" : `: still ${status}`}\\)$`,
      ),
    );
    expect(callsTo(op.call, id)).toBe(3);
  });
});

describe("Daytona 404s and Retry-After", () => {
  it("a toolbox 404 while the sandbox still exists is an error, not 'gone'", async () => {
    const { sessions, id } = await freshSandbox();
    mock.fail("POST /toolbox/:id/process/execute", {
      status: 404,
      body: { message: "no such route" },
    });
    const err = await sessions.exec(id, { command: "true", timeoutSeconds: 5 }).catch((e: unknown) => e);
    expect(err).not.toBeInstanceOf(SandboxGoneError);
    expect((err as Error).message).toContain("no such route");
  });

  it("delete answering 404 means it was already gone", async () => {
    const { sessions, id } = await freshSandbox();
    mock.fail("DELETE /sandbox/:id", {
      status: 404,
      body: { message: "Sandbox not found" },
    });
    expect(await sessions.delete(id)).toBe(false);
  });

  it("waits as long as Retry-After asks", async () => {
    const { sessions, id } = await freshSandbox();
    mock.fail("POST /toolbox/:id/process/execute", {
      status: 429,
      headers: { "Retry-After": "1" },
    });
    const started = Date.now();
    expect((await sessions.exec(id, { command: "true", timeoutSeconds: 5 })).exitCode).toBe(0);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
  });

  it("fails at once, saying so, when Retry-After is longer than a step should sleep", async () => {
    const { sessions, id } = await freshSandbox();
    mock.fail("POST /sandbox", {
      status: 429,
      body: { message: "slow down" },
      headers: { "Retry-After": "120" },
    });
    await expect(sessions.create({ labels: {} })).rejects.toThrow(
      /^Daytona create sandbox refused \(HTTP 429: slow down\); it asks to retry after 120 s$/,
    );
    expect(callsTo("POST /sandbox", id)).toBe(1);
  });
});
