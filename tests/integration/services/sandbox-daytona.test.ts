import { delay, http, HttpResponse } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createDaytonaSandbox, TIMEOUT_EXIT_CODE } from "@/server/services/sandbox/daytona-sandbox";
import {
  createDaytonaMock,
  DAYTONA_TEST_API_URL,
  DAYTONA_TEST_KEY,
  DAYTONA_TEST_TOOLBOX_URL,
  DAYTONA_WORK_DIR,
} from "../../mocks/daytona";

const mock = createDaytonaMock();
const server = setupServer(...mock.handlers);
const sandbox = createDaytonaSandbox({
  apiKey: DAYTONA_TEST_KEY,
  apiUrl: DAYTONA_TEST_API_URL,
  snapshot: "aigency-node",
  outputCapBytes: 64,
});

beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => {
  mock.calls.length = 0;
  mock.createBodies.length = 0;
  mock.executeRequests.length = 0;
  mock.state.onExecute = () => ({ exitCode: 0, result: "" });
  mock.state.createFailure = null;
  vi.restoreAllMocks();
});
afterAll(() => server.close());

const deletes = () => mock.calls.filter((c) => c.startsWith("DELETE /sandbox/"));

describe("Daytona sandbox (real SDK against msw)", () => {
  it("creates from the snapshot, uploads, executes, downloads, then deletes", async () => {
    mock.state.onExecute = (req, box) => {
      box.files.set(
        `${DAYTONA_WORK_DIR}/dist/out.txt`,
        Buffer.from(`built ${box.files.get(`${DAYTONA_WORK_DIR}/src/in.ts`)}`),
      );
      return { exitCode: 0, result: `ran in ${req.cwd}` };
    };
    const result = await sandbox.run({
      files: [
        { path: "src/in.ts", content: "export {}" },
        { path: "logo.bin", content: Buffer.from([9, 8, 7]) },
      ],
      command: "npm run build",
      timeoutSeconds: 30,
      env: { NODE_ENV: "production" },
      collect: ["dist/out.txt", "dist/missing.txt"],
      labels: { run: "r1" },
    });

    expect(result).toMatchObject({
      exitCode: 0,
      timedOut: false,
      outputTruncated: false,
      output: `ran in ${DAYTONA_WORK_DIR}`,
    });
    expect(result.files).toEqual({ "dist/out.txt": Buffer.from("built export {}") });
    expect(mock.createBodies[0]).toMatchObject({
      snapshot: "aigency-node",
      labels: { app: "aigency", run: "r1", "code-toolbox-language": "typescript" },
      autoDeleteInterval: 0,
    });
    const box = mock.sandboxes.get("sb-1");
    expect(box?.files.get(`${DAYTONA_WORK_DIR}/logo.bin`)).toEqual(Buffer.from([9, 8, 7]));
    expect(mock.executeRequests[0]).toMatchObject({ timeout: 30, envs: { NODE_ENV: "production" } });
    expect(mock.executeRequests[0]?.command).toBe(`sh -c '{ npm run build\n} 2>&1'`);
    expect(deletes()).toEqual(["DELETE /sandbox/sb-1"]);
    expect(mock.calls.at(-1)).toMatch(/^DELETE \/sandbox\//);
  });

  it("reports a non-zero exit and caps long output", async () => {
    mock.state.onExecute = () => ({ exitCode: 2, result: "e".repeat(500) });
    const result = await sandbox.run({ files: [], command: "false", timeoutSeconds: 30 });
    expect(result).toMatchObject({ exitCode: 2, timedOut: false, outputTruncated: true });
    expect(result.output).toHaveLength(64);
    expect(deletes()).toHaveLength(1);
  });

  it("treats a 408 from execute as a timeout and still deletes", async () => {
    mock.state.onExecute = () => ({
      status: 408,
      body: { message: "command timed out", code: "PROCESS_EXECUTION_TIMEOUT" },
    });
    const result = await sandbox.run({ files: [], command: "sleep 100", timeoutSeconds: 1 });
    expect(result).toMatchObject({ timedOut: true, exitCode: TIMEOUT_EXIT_CODE });
    expect(deletes()).toHaveLength(1);
  });

  it("treats a non-zero exit after the timeout elapsed as a timeout", async () => {
    mock.state.onExecute = async () => {
      await delay(1_100);
      return { exitCode: -1, result: "partial" };
    };
    const result = await sandbox.run({ files: [], command: "sleep 100", timeoutSeconds: 1 });
    expect(result).toMatchObject({ timedOut: true, exitCode: -1, output: "partial" });
    expect(deletes()).toHaveLength(1);
  });

  it.each([
    ["500", { status: 500, body: { message: "toolbox exploded" } }],
    ["429", { status: 429, body: { message: "rate limited" } }],
    ["malformed body", { status: 502, raw: "<html>bad gateway" }],
  ] as const)("deletes the sandbox when execute fails with %s", async (_label, reply) => {
    mock.state.onExecute = () => reply;
    await expect(sandbox.run({ files: [], command: "x", timeoutSeconds: 10 })).rejects.toThrow();
    expect(deletes()).toHaveLength(1);
  });

  it("deletes the sandbox when the upload fails", async () => {
    server.use(
      http.post(
        `${DAYTONA_TEST_TOOLBOX_URL}/:id/files/bulk-upload`,
        () => new HttpResponse("disk full", { status: 507 }),
      ),
    );
    await expect(
      sandbox.run({ files: [{ path: "a.txt", content: "a" }], command: "x", timeoutSeconds: 10 }),
    ).rejects.toThrow();
    expect(deletes()).toHaveLength(1);
    expect(mock.executeRequests).toHaveLength(0);
  });

  it("returns the result even if the delete itself fails, with a warning", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    server.use(
      http.delete(`${DAYTONA_TEST_API_URL}/sandbox/:id`, () => HttpResponse.json({ message: "nope" }, { status: 500 })),
    );
    mock.state.onExecute = () => ({ exitCode: 0, result: "ok" });
    const result = await sandbox.run({ files: [], command: "true", timeoutSeconds: 10 });
    expect(result.output).toBe("ok");
    expect(warn).toHaveBeenCalledWith(expect.stringContaining("could not delete Daytona sandbox"));
  });

  it("surfaces a failed create (nothing to delete)", async () => {
    mock.state.createFailure = { status: 429, body: { message: "Too many sandboxes" } };
    await expect(sandbox.run({ files: [], command: "true", timeoutSeconds: 10 })).rejects.toThrow(/Too many sandboxes/);
    expect(deletes()).toHaveLength(0);
  });

  it("refuses file paths outside the work dir before creating anything", async () => {
    await expect(
      sandbox.run({ files: [{ path: "../../etc/passwd", content: "x" }], command: "true", timeoutSeconds: 10 }),
    ).rejects.toThrow(/Invalid sandbox file path/);
    expect(mock.calls).toHaveLength(0);
  });
});
