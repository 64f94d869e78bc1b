import { http, HttpResponse } from "msw";

/**
 * A fake Daytona control plane + toolbox for msw, so the real `@daytonaio/sdk` runs unchanged
 * (with `useDeprecatedPolling: true`, which keeps it off socket.io). Sandboxes are created
 * already "started"; each has an in-memory file system. Tests script `onExecute`, queue failures
 * with `fail("POST /toolbox/:id/process/execute", reply, times)` and read `calls` (e.g.
 * "DELETE /sandbox/sb-1") to assert the lifecycle. A deleted or unknown sandbox answers 404
 * everywhere, as the real toolbox proxy does.
 */
export const DAYTONA_TEST_API_URL = "https://daytona.test/api";
export const DAYTONA_TEST_TOOLBOX_URL = "https://toolbox.daytona.test";
export const DAYTONA_TEST_KEY = "dtn_test_key";
export const DAYTONA_WORK_DIR = "/home/daytona";

export interface FakeSandbox {
  id: string;
  files: Map<string, Buffer>;
  labels: Record<string, string>;
  deleted: boolean;
}

export interface ExecuteRequest {
  command: string;
  cwd?: string;
  envs?: Record<string, string>;
  timeout?: number;
}

/** A scripted failure: status, JSON body and headers (e.g. Retry-After). */
export interface FailureReply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export type ExecuteReply =
  { exitCode: number; result: string } | { status: number; body: unknown } | { status: number; raw: string };

function sandboxDto(sandbox: FakeSandbox, state = "started") {
  return {
    id: sandbox.id,
    organizationId: "org-test",
    name: sandbox.id,
    user: "daytona",
    env: {},
    labels: sandbox.labels,
    public: false,
    networkBlockAll: false,
    target: "us",
    cpu: 1,
    gpu: 0,
    memory: 1,
    disk: 3,
    state,
    toolboxProxyUrl: DAYTONA_TEST_TOOLBOX_URL,
  };
}

/** The bulk-download reply: one multipart part per requested path, "file" or "error". */
function multipart(parts: { name: "file" | "error"; filename: string; body: Buffer; type: string }[]) {
  const boundary = "daytona-test-boundary";
  const chunks: Buffer[] = [];
  for (const part of parts) {
    chunks.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${part.name}"; filename="${part.filename}"\r\n` +
          `Content-Type: ${part.type}\r\nContent-Length: ${part.body.length}\r\n\r\n`,
      ),
      part.body,
      Buffer.from("\r\n"),
    );
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return new HttpResponse(new Uint8Array(Buffer.concat(chunks)), {
    headers: { "content-type": `multipart/form-data; boundary=${boundary}` },
  });
}

export function createDaytonaMock() {
  const sandboxes = new Map<string, FakeSandbox>();
  const calls: string[] = [];
  const createBodies: Record<string, unknown>[] = [];
  const executeRequests: ExecuteRequest[] = [];
  let counter = 0;
  const state = {
    onExecute: ((): ExecuteReply => ({ exitCode: 0, result: "" })) as (
      req: ExecuteRequest,
      sandbox: FakeSandbox,
    ) => ExecuteReply | Promise<ExecuteReply>,
    createFailure: null as { status: number; body: unknown } | null,
  };
  const api = DAYTONA_TEST_API_URL;
  const box = `${DAYTONA_TEST_TOOLBOX_URL}/:id`;
  const find = (id: unknown) => sandboxes.get(String(id));
  const failures: { call: string; reply: FailureReply; times: number }[] = [];
  /** Records the call (":id" replaced) and answers a queued failure for it, if any. */
  const record = (call: string, id?: unknown) => {
    calls.push(id === undefined ? call : call.replace(":id", String(id)));
    const failure = failures.find((f) => f.call === call && f.times > 0);
    if (!failure) return null;
    failure.times--;
    const { status, body, headers } = failure.reply;
    return HttpResponse.json((body ?? { message: `scripted ${status}` }) as object, { status, headers });
  };
  const gone = (id: unknown) => {
    const sandbox = find(id);
    return !sandbox || sandbox.deleted ? HttpResponse.json({ message: "sandbox not found" }, { status: 404 }) : null;
  };
  const fileNotFound = (p: string) => ({ message: `file not found: ${p}`, statusCode: 404, code: "FILE_NOT_FOUND" });

  const handlers = [
    http.post(`${api}/sandbox`, async ({ request }) => {
      const failed = record("POST /sandbox");
      if (failed) return failed;
      if (state.createFailure)
        return HttpResponse.json(state.createFailure.body as object, { status: state.createFailure.status });
      const body = (await request.json()) as Record<string, unknown>;
      createBodies.push(body);
      const sandbox: FakeSandbox = {
        id: `sb-${++counter}`,
        files: new Map(),
        labels: (body.labels as Record<string, string>) ?? {},
        deleted: false,
      };
      sandboxes.set(sandbox.id, sandbox);
      return HttpResponse.json(sandboxDto(sandbox));
    }),
    http.get(`${api}/sandbox`, ({ request }) => {
      const failed = record("GET /sandbox");
      if (failed) return failed;
      const wanted = JSON.parse(new URL(request.url).searchParams.get("labels") ?? "{}") as Record<string, string>;
      const items = [...sandboxes.values()]
        .filter((sb) => Object.entries(wanted).every(([k, v]) => sb.labels[k] === v))
        .map((sb) => sandboxDto(sb, sb.deleted ? "destroyed" : "started"));
      return HttpResponse.json({ items, nextCursor: null });
    }),
    http.get(`${api}/sandbox/:id`, ({ params }) => {
      const failed = record("GET /sandbox/:id", params.id);
      if (failed) return failed;
      const sandbox = find(params.id);
      if (!sandbox) return HttpResponse.json({ message: "Sandbox not found" }, { status: 404 });
      return HttpResponse.json(sandboxDto(sandbox, sandbox.deleted ? "destroyed" : "started"));
    }),
    http.delete(`${api}/sandbox/:id`, ({ params }) => {
      const failed = record("DELETE /sandbox/:id", params.id);
      if (failed) return failed;
      const sandbox = find(params.id);
      if (!sandbox || sandbox.deleted) return HttpResponse.json({ message: "Sandbox not found" }, { status: 404 });
      sandbox.deleted = true;
      return HttpResponse.json(sandboxDto(sandbox, "destroying"));
    }),
    http.get(`${box}/work-dir`, ({ params }) => {
      const failed = record("GET /toolbox/:id/work-dir", params.id) ?? gone(params.id);
      if (failed) return failed;
      return HttpResponse.json({ dir: DAYTONA_WORK_DIR });
    }),
    http.post(`${box}/files/bulk-upload`, async ({ params, request }) => {
      const failed = record("POST /toolbox/:id/files/bulk-upload", params.id) ?? gone(params.id);
      if (failed) return failed;
      const sandbox = find(params.id);
      const form = await request.formData();
      for (const [key, value] of form.entries()) {
        const match = /^files\[(\d+)\]\.path$/.exec(key);
        if (!match || typeof value !== "string") continue;
        const file = form.get(`files[${match[1]}].file`);
        if (file && typeof file !== "string") sandbox?.files.set(value, Buffer.from(await file.arrayBuffer()));
      }
      return new HttpResponse(null, { status: 200 });
    }),
    http.post(`${box}/process/execute`, async ({ params, request }) => {
      const failed = record("POST /toolbox/:id/process/execute", params.id) ?? gone(params.id);
      if (failed) return failed;
      const body = (await request.json()) as ExecuteRequest;
      executeRequests.push(body);
      const reply = await state.onExecute(body, find(params.id)!);
      if ("raw" in reply)
        return new HttpResponse(reply.raw, { status: reply.status, headers: { "content-type": "application/json" } });
      if ("status" in reply) return HttpResponse.json(reply.body as object, { status: reply.status });
      return HttpResponse.json(reply);
    }),
    http.post(`${box}/files/bulk-download`, async ({ params, request }) => {
      const failed = record("POST /toolbox/:id/files/bulk-download", params.id) ?? gone(params.id);
      if (failed) return failed;
      const sandbox = find(params.id);
      const { paths } = (await request.json()) as { paths: string[] };
      return multipart(
        paths.map((p) => {
          const content = sandbox?.files.get(p);
          if (content) return { name: "file", filename: p, body: content, type: "application/octet-stream" };
          const error = JSON.stringify(fileNotFound(p));
          return { name: "error", filename: p, body: Buffer.from(error), type: "application/json" };
        }),
      );
    }),
    http.get(`${box}/files/info`, ({ params, request }) => {
      const failed = record("GET /toolbox/:id/files/info", params.id) ?? gone(params.id);
      if (failed) return failed;
      const p = new URL(request.url).searchParams.get("path") ?? "";
      const files = find(params.id)!.files;
      const content = files.get(p);
      const isDir = !content && [...files.keys()].some((k) => k.startsWith(`${p}/`));
      if (!content && !isDir) return HttpResponse.json(fileNotFound(p), { status: 404 });
      const stamp = new Date(0).toISOString();
      return HttpResponse.json({
        name: p.split("/").at(-1),
        path: p,
        isDir,
        size: content?.length ?? 4096,
        mode: "-rw-r--r--",
        permissions: "0644",
        owner: "daytona",
        group: "daytona",
        modTime: stamp,
        modifiedAt: stamp,
      });
    }),
  ];

  /** The next `times` calls named `call` (e.g. "DELETE /sandbox/:id") answer `reply`. */
  const fail = (call: string, reply: FailureReply, times = 1) => failures.push({ call, reply, times });
  const reset = () => {
    calls.length = 0;
    createBodies.length = 0;
    executeRequests.length = 0;
    failures.length = 0;
    state.onExecute = () => ({ exitCode: 0, result: "" });
    state.createFailure = null;
  };

  return { handlers, sandboxes, calls, createBodies, executeRequests, state, fail, reset };
}
