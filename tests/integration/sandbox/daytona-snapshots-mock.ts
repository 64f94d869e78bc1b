import { http, HttpResponse } from "msw";
import { createDaytonaMock, DAYTONA_TEST_API_URL, type ExecuteRequest } from "../../mocks/daytona";

export interface FakeSnapshot {
  id: string;
  name: string;
  state: string;
  errorReason: string | null;
  dockerfile: string;
}

/** How the fake control plane carries a build through: to `active`, to `build_failed`, or never done. */
export type BuildScript = "succeeds" | "fails" | "hangs";

/**
 * Daytona's snapshot API (create, poll by name, delete) on top of the shared sandbox fake, so the real
 * SDK's `snapshot.create` and the verification sandbox run unchanged. The verification sandbox answers
 * the probe as a correct image would, unless a test changes `sandboxFacts`.
 */
export function createDaytonaSnapshotMock() {
  const sandboxMock = createDaytonaMock();
  const snapshots = new Map<string, FakeSnapshot>();
  const state = { build: "succeeds" as BuildScript, sandboxFacts: { node: "v20.18.0", uid: "1001", user: "aigency", missing: [] as string[] } };
  let counter = 0;
  const dto = (s: FakeSnapshot) => ({
    id: s.id, organizationId: "org-test", general: false, name: s.name, imageName: s.name, state: s.state,
    size: 1, entrypoint: null, cpu: 1, gpu: 0, mem: 2, disk: 5, errorReason: s.errorReason,
    createdAt: new Date().toISOString(), updatedAt: new Date().toISOString(), lastUsedAt: null,
  });

  const snapshotHandlers = [
    http.post(`${DAYTONA_TEST_API_URL}/snapshots`, async ({ request }) => {
      const body = (await request.json()) as { name: string; buildInfo?: { dockerfileContent: string } };
      const snapshot = { id: `00000000-0000-4000-8000-${String(++counter).padStart(12, "0")}`, name: body.name, state: "pending", errorReason: null, dockerfile: body.buildInfo?.dockerfileContent ?? "" };
      snapshots.set(body.name, snapshot);
      return HttpResponse.json(dto(snapshot));
    }),
    http.get(`${DAYTONA_TEST_API_URL}/snapshots/:idOrName`, ({ params }) => {
      const snapshot = [...snapshots.values()].find((s) => s.name === params.idOrName || s.id === params.idOrName);
      if (!snapshot) return HttpResponse.json({ message: "Snapshot not found", statusCode: 404 }, { status: 404 });
      // Each poll moves a build on by the script: pending → active / build_failed, or building forever.
      if (snapshot.state === "pending" || snapshot.state === "building") {
        if (state.build === "succeeds") snapshot.state = "active";
        else if (state.build === "fails") Object.assign(snapshot, { state: "build_failed", errorReason: "npm install exited 1" });
        else snapshot.state = "building";
      }
      return HttpResponse.json(dto(snapshot));
    }),
    // The SDK follows the build log once a build is under way.
    http.get(`${DAYTONA_TEST_API_URL}/snapshots/:id/build-logs-url`, ({ params }) =>
      HttpResponse.json({ url: `${DAYTONA_TEST_API_URL}/build-logs/${params.id}` }),
    ),
    http.get(`${DAYTONA_TEST_API_URL}/build-logs/:id`, () => new HttpResponse("Step 1/6 : FROM node:20-slim\n")),
    http.delete(`${DAYTONA_TEST_API_URL}/snapshots/:id`, ({ params }) => {
      const snapshot = [...snapshots.values()].find((s) => s.id === params.id);
      if (!snapshot) return HttpResponse.json({ message: "Snapshot not found", statusCode: 404 }, { status: 404 });
      snapshots.delete(snapshot.name);
      return new HttpResponse(null, { status: 200 });
    }),
  ];

  // The probe asks `key=…` questions in shell; a correct image answers every one of them yes.
  sandboxMock.state.onExecute = (req: ExecuteRequest) => {
    if (req.command === "true") return { exitCode: 0, result: "" };
    const f = state.sandboxFacts;
    const keys = [...req.command.matchAll(/echo '\\''([a-z_]+:[^=']+)=1'\\''/g)].map((m) => m[1]!);
    const loads = [...req.command.matchAll(/'\\''([a-z-]+)'\\'' '\\''\/opt\/aigency\/templates\/[a-z-]+'\\''((?: '\\''[^']+'\\'')*)/g)].flatMap(
      (m) => [...m[2]!.matchAll(/'\\''([^']+)'\\''/g)].map((d) => `load:${m[1]}/${d[1]}`),
    );
    const lines = [`node=${f.node}`, `uid=${f.uid}`, `user=${f.user}`, ...[...keys, ...loads].map((k) => `${k}=${f.missing.includes(k) ? 0 : 1}`)];
    return { exitCode: 0, result: lines.join("\n") };
  };

  return { handlers: [...snapshotHandlers, ...sandboxMock.handlers], snapshots, sandboxes: sandboxMock, state };
}
