import { http, HttpResponse } from "msw";

/**
 * A fake Daytona control plane + toolbox for msw, so the real `@daytonaio/sdk` runs unchanged
 * (with `useDeprecatedPolling: true`, which keeps it off socket.io). Sandboxes are created
 * already "started"; each has an in-memory file system. Tests script `onExecute` and read `calls`
 * (e.g. "DELETE /sandbox/sb-1") to assert the lifecycle.
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

  const handlers = [
    http.post(`${api}/sandbox`, async ({ request }) => {
      calls.push("POST /sandbox");
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
    http.get(`${api}/sandbox/:id`, ({ params }) => {
      calls.push(`GET /sandbox/${params.id}`);
      const sandbox = find(params.id);
      if (!sandbox) return HttpResponse.json({ message: "Sandbox not found" }, { status: 404 });
      return HttpResponse.json(sandboxDto(sandbox, sandbox.deleted ? "destroyed" : "started"));
    }),
    http.delete(`${api}/sandbox/:id`, ({ params }) => {
      calls.push(`DELETE /sandbox/${params.id}`);
      const sandbox = find(params.id);
      if (!sandbox) return HttpResponse.json({ message: "Sandbox not found" }, { status: 404 });
      sandbox.deleted = true;
      return HttpResponse.json(sandboxDto(sandbox, "destroying"));
    }),
    http.get(`${box}/work-dir`, ({ params }) => {
      calls.push(`GET /toolbox/${params.id}/work-dir`);
      return HttpResponse.json({ dir: DAYTONA_WORK_DIR });
    }),
    http.post(`${box}/files/bulk-upload`, async ({ params, request }) => {
      calls.push(`POST /toolbox/${params.id}/files/bulk-upload`);
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
      calls.push(`POST /toolbox/${params.id}/process/execute`);
      const body = (await request.json()) as ExecuteRequest;
      executeRequests.push(body);
      const reply = await state.onExecute(body, find(params.id)!);
      if ("raw" in reply)
        return new HttpResponse(reply.raw, { status: reply.status, headers: { "content-type": "application/json" } });
      if ("status" in reply) return HttpResponse.json(reply.body as object, { status: reply.status });
      return HttpResponse.json(reply);
    }),
    http.post(`${box}/files/bulk-download`, async ({ params, request }) => {
      calls.push(`POST /toolbox/${params.id}/files/bulk-download`);
      const sandbox = find(params.id);
      const { paths } = (await request.json()) as { paths: string[] };
      return multipart(
        paths.map((p) => {
          const content = sandbox?.files.get(p);
          if (content) return { name: "file", filename: p, body: content, type: "application/octet-stream" };
          const error = { message: `file not found: ${p}`, statusCode: 404, code: "FILE_NOT_FOUND" };
          return { name: "error", filename: p, body: Buffer.from(JSON.stringify(error)), type: "application/json" };
        }),
      );
    }),
  ];

  return { handlers, sandboxes, calls, createBodies, executeRequests, state };
}
