import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import {
  createDaytonaSandbox,
  DAYTONA_TEMPLATE_ROOT,
  TIMEOUT_EXIT_CODE,
} from "@/server/services/sandbox/daytona-sandbox";
import { SandboxGoneError, SandboxLimitError } from "@/server/services/sandbox/types";
import { createDaytonaMock, DAYTONA_TEST_API_URL, DAYTONA_TEST_KEY, DAYTONA_WORK_DIR } from "../../mocks/daytona";

const mock = createDaytonaMock();
const server = setupServer(...mock.handlers);
const snapshotFor = vi.fn(async (template?: string) => (template ? `aigency-${template}-v7` : "aigency-base"));
const retry = { attempts: 3, baseDelayMs: 5, maxRetryAfterMs: 2_000 };
const connect = () =>
  createDaytonaSandbox({
    apiKey: DAYTONA_TEST_KEY,
    apiUrl: DAYTONA_TEST_API_URL,
    snapshotFor,
    outputCapBytes: 64,
    retry,
  }).sessions;
let sessions = connect();

beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => {
  mock.reset();
  snapshotFor.mockClear();
  sessions = connect();
});
afterAll(() => server.close());

const roomy = { maxFileBytes: 1024, maxTotalBytes: 4096 };
const count = (call: string) => mock.calls.filter((c) => c === call).length;

describe("Daytona sessions (real SDK against msw)", () => {
  it("creates from the template's snapshot, then uploads, executes, downloads and deletes by id", async () => {
    const { id, snapshot } = await sessions.create({
      labels: { creativeVersionId: "v-1", app: "someone-else" },
      template: "creative-agent",
      maxLifetimeMinutes: 15,
    });
    expect(snapshotFor).toHaveBeenCalledWith("creative-agent");
    expect(snapshot).toBe("aigency-creative-agent-v7");
    expect(mock.createBodies[0]).toMatchObject({
      snapshot: "aigency-creative-agent-v7",
      labels: {
        app: "aigency",
        creativeVersionId: "v-1",
        "aigency-template": "creative-agent",
      },
      autoDeleteInterval: 0,
      autoStopInterval: 15,
      ttlMinutes: 15,
    });

    await sessions.upload(id, [{ path: "agent/main.mjs", content: "// agent" }]);
    expect(mock.sandboxes.get(id)?.files.get(`${DAYTONA_WORK_DIR}/agent/main.mjs`)?.toString()).toBe("// agent");

    mock.state.onExecute = (req, box) => {
      box.files.set(`${DAYTONA_WORK_DIR}/out/hooks.json`, Buffer.from("[]"));
      return {
        exitCode: 0,
        result: `AIGENCY_RESULT {"stage":"hooks"} in ${req.cwd}`,
      };
    };
    // Another process: nothing cached, the sandbox is found again by id and keeps its template.
    const elsewhere = connect();
    const result = await elsewhere.exec(id, {
      command: "node agent/main.mjs hooks",
      cwd: "agent",
      timeoutSeconds: 30,
      env: { ANTHROPIC_MODEL: "claude-test" },
    });
    expect(result).toMatchObject({
      exitCode: 0,
      timedOut: false,
      outputTruncated: false,
    });
    expect(result.output).toContain(`in ${DAYTONA_WORK_DIR}/agent`);
    expect(mock.calls).toContain(`GET /sandbox/${id}`);
    expect(mock.executeRequests[0]).toMatchObject({
      timeout: 30,
      envs: {
        ANTHROPIC_MODEL: "claude-test",
        AIGENCY_TEMPLATE_DIR: `${DAYTONA_TEMPLATE_ROOT}/creative-agent`,
      },
    });
    expect(DAYTONA_TEMPLATE_ROOT).toBe("/opt/aigency/templates");

    expect(await sessions.download(id, ["out/hooks.json", "out/missing.json", "out"], roomy)).toEqual({
      "out/hooks.json": Buffer.from("[]"),
    });
    expect(await elsewhere.delete(id)).toBe(true);
    expect(count(`DELETE /sandbox/${id}`)).toBe(1);
    expect(await sessions.delete(id)).toBe(false);
    await expect(sessions.exec(id, { command: "true", timeoutSeconds: 5 })).rejects.toBeInstanceOf(SandboxGoneError);
  });

  it("starts from DAYTONA_SNAPSHOT when no template mapping is given, with no template dir", async () => {
    const plain = createDaytonaSandbox({
      apiKey: DAYTONA_TEST_KEY,
      apiUrl: DAYTONA_TEST_API_URL,
      snapshot: "aigency-node",
    });
    const { id, snapshot } = await plain.sessions.create({ labels: {} });
    expect(snapshot).toBe("aigency-node");
    expect(mock.createBodies[0]).toMatchObject({
      snapshot: "aigency-node",
      labels: { app: "aigency" },
    });
    await plain.sessions.exec(id, { command: "true", timeoutSeconds: 5 });
    expect(mock.executeRequests[0]?.envs?.AIGENCY_TEMPLATE_DIR).toBeUndefined();
  });

  it("answers SandboxGoneError (and delete false) for an unknown id: 404", async () => {
    await expect(sessions.exec("sb-404", { command: "true", timeoutSeconds: 5 })).rejects.toBeInstanceOf(
      SandboxGoneError,
    );
    await expect(sessions.upload("sb-404", [{ path: "a", content: "a" }])).rejects.toBeInstanceOf(SandboxGoneError);
    await expect(sessions.download("sb-404", ["a"], roomy)).rejects.toBeInstanceOf(SandboxGoneError);
    expect(await sessions.delete("sb-404")).toBe(false);
  });

  it("notices a sandbox deleted behind a cached handle (toolbox 404)", async () => {
    const { id } = await sessions.create({ labels: {} });
    mock.sandboxes.get(id)!.deleted = true;
    await expect(sessions.exec(id, { command: "true", timeoutSeconds: 5 })).rejects.toBeInstanceOf(SandboxGoneError);
    const again = await sessions.create({ labels: {} });
    mock.sandboxes.get(again.id)!.deleted = true;
    await expect(sessions.download(again.id, ["a.txt"], roomy)).rejects.toBeInstanceOf(SandboxGoneError);
  });

  it("reports a command timeout as timedOut with exit code 124", async () => {
    const { id } = await sessions.create({ labels: {} });
    mock.state.onExecute = () => ({
      status: 408,
      body: { message: "timed out", code: "PROCESS_EXECUTION_TIMEOUT" },
    });
    const result = await sessions.exec(id, {
      command: "sleep 100",
      timeoutSeconds: 1,
    });
    expect(result).toMatchObject({
      timedOut: true,
      exitCode: TIMEOUT_EXIT_CODE,
    });
    expect(TIMEOUT_EXIT_CODE).toBe(124);
  });

  it("caps downloads by size before pulling the bytes, naming the file and the cap", async () => {
    const { id } = await sessions.create({ labels: {} });
    const files = mock.sandboxes.get(id)!.files;
    files.set(`${DAYTONA_WORK_DIR}/big.png`, Buffer.alloc(2000));
    files.set(`${DAYTONA_WORK_DIR}/a.png`, Buffer.alloc(900));
    files.set(`${DAYTONA_WORK_DIR}/b.png`, Buffer.alloc(900));
    await expect(
      sessions.download(id, ["big.png"], {
        maxFileBytes: 1000,
        maxTotalBytes: 5000,
      }),
    ).rejects.toThrow(new SandboxLimitError("big.png is 2000 bytes, over the 1000-byte limit per file"));
    await expect(
      sessions.download(id, ["a.png", "b.png"], {
        maxFileBytes: 1000,
        maxTotalBytes: 1500,
      }),
    ).rejects.toThrow(/b\.png takes the download to 1800 bytes, over the 1500-byte limit in total/);
    expect(count(`POST /toolbox/${id}/files/bulk-download`)).toBe(0);
  });

  it("finds live sandboxes by labels through the list API", async () => {
    const a = await sessions.create({ labels: { creativeVersionId: "v-9" } });
    const b = await sessions.create({ labels: { creativeVersionId: "v-9" } });
    await sessions.create({ labels: { creativeVersionId: "v-10" } });
    await sessions.delete(b.id);
    expect(await sessions.findByLabels({ creativeVersionId: "v-9" })).toEqual([a.id]);
  });

  it("finds live sandboxes carrying a label key, whatever its value, through the list API", async () => {
    const a = await sessions.create({ labels: { appgenJobId: "j-1" } });
    const b = await sessions.create({ labels: { appgenJobId: "j-2" } });
    await sessions.create({ labels: { creativeVersionId: "v-11" } });
    await sessions.delete(b.id);
    const found = await sessions.findLabelled("appgenJobId");
    expect(found).toEqual([{ id: a.id, labels: expect.objectContaining({ appgenJobId: "j-1", app: "aigency" }) }]);
  });
});
