/**
 * Reads the real engine (the Dev Server, or `inngest start`, which serves the same API) through
 * GraphQL (`/v0/gql`), which is never cached, unlike REST v1 (15 s per URL for event runs). Each
 * wait polls until a condition holds or the deadline passes.
 */
export type RunStatus = "QUEUED" | "RUNNING" | "COMPLETED" | "FAILED" | "CANCELLED" | "SKIPPED";
export const TERMINAL: RunStatus[] = ["COMPLETED", "FAILED", "CANCELLED", "SKIPPED"];

export interface DevRun {
  id: string;
  status: RunStatus;
  functionSlug: string;
  eventName: string | null;
}

export interface DevEvent {
  id: string;
  name: string;
  data: Record<string, unknown>;
  receivedAt: string;
  runs: DevRun[];
}

export interface DevRunDetail {
  status: RunStatus;
  output: unknown;
  queuedAt?: string;
  startedAt?: string;
  endedAt?: string;
}

const RUN_FIELDS = "id status eventName function { slug }";

interface RawRun {
  id: string;
  status: RunStatus;
  eventName: string | null;
  function: { slug: string };
}
const toRun = (r: RawRun): DevRun => ({ id: r.id, status: r.status, eventName: r.eventName, functionSlug: r.function.slug });

export async function poll<T>(what: string, read: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

export class DevServer {
  private readonly eventUrl: string;
  private readonly apiToken: string | undefined;

  /** `eventUrl` defaults to the Dev Server's `/e/test`; `apiToken` is REST v2's bearer on `inngest start`. */
  constructor(readonly url: string, opts: { eventUrl?: string; apiToken?: string } = {}) {
    this.eventUrl = opts.eventUrl ?? `${url}/e/test`;
    this.apiToken = opts.apiToken;
  }

  /** Sends events as an app would; returns their ids. */
  async sendEvents(events: { name: string; data: Record<string, unknown>; id?: string }[]): Promise<string[]> {
    const res = await fetch(this.eventUrl, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(events) });
    const body = (await res.json()) as { ids?: string[]; error?: string };
    if (!res.ok || !body.ids) throw new Error(`sending ${events.map((e) => e.name).join(", ")} failed: ${res.status} ${JSON.stringify(body)}`);
    return body.ids;
  }

  async gql<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const res = await fetch(`${this.url}/v0/gql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await res.json()) as { data?: T; errors?: { message: string }[] };
    if (!res.ok || body.errors?.length) throw new Error(`GraphQL error: ${JSON.stringify(body.errors ?? res.status)}`);
    return body.data as T;
  }

  /** Events received since `since` with the given name, newest first, with the runs they started. */
  async listEvents(name: string, since: Date): Promise<DevEvent[]> {
    const data = await this.gql<{ eventsV2: { edges: { node: { id: string; name: string; raw: string; receivedAt: string; runs: RawRun[] } }[] } }>(
      `query($f: EventsFilter!) { eventsV2(first: 100, filter: $f) { edges { node { id name raw receivedAt runs { ${RUN_FIELDS} } } } } }`,
      { f: { from: since.toISOString(), eventNames: [name] } },
    );
    return data.eventsV2.edges.map(({ node }) => ({
      id: node.id,
      name: node.name,
      receivedAt: node.receivedAt,
      data: (JSON.parse(node.raw) as { data?: Record<string, unknown> }).data ?? {},
      runs: node.runs.map(toRun),
    }));
  }

  /** The first event named `name` whose data matches `where` (e.g. `{ projectId }`). */
  waitForEvent(name: string, where: Record<string, unknown>, opts: { since: Date; timeoutMs?: number }): Promise<DevEvent> {
    const matches = (e: DevEvent) => Object.entries(where).every(([k, v]) => e.data[k] === v);
    return poll(`event ${name} ${JSON.stringify(where)}`, async () => (await this.listEvents(name, opts.since)).find(matches), opts.timeoutMs);
  }

  /** Runs an event started, once at least `count` exist. */
  waitForRuns(eventId: string, opts: { count?: number; timeoutMs?: number } = {}): Promise<DevRun[]> {
    const count = opts.count ?? 1;
    return poll(`${count} run(s) of event ${eventId}`, async () => {
      // The event is stored asynchronously after `/e` answers: "not found" just means "not yet".
      const data = await this.gql<{ eventV2: { runs: RawRun[] } }>(`query($id: ULID!) { eventV2(id: $id) { runs { ${RUN_FIELDS} } } }`, { id: eventId })
        .catch((error: Error) => (/not found/.test(error.message) ? undefined : Promise.reject(error)));
      return data && data.eventV2.runs.length >= count ? data.eventV2.runs.map(toRun) : undefined;
    }, opts.timeoutMs);
  }

  /**
   * One run: status and times from GraphQL (the run row), output from REST v2. Neither alone is
   * right in v1.43.0: v2 reports COMPLETED for a run still parked in a later waitForEvent, and
   * GraphQL `output` holds the raw opcode list (`[{"op":"RunComplete",…}]`) for checkpointed runs.
   */
  async getRun(runId: string): Promise<DevRunDetail> {
    const data = await this.gql<{ run: Omit<DevRunDetail, "output"> | null }>(
      `query($id: String!) { run(runID: $id) { status queuedAt startedAt endedAt } }`,
      { id: runId },
    ).catch((error: Error) => (/not found|no rows in result set/i.test(error.message) ? { run: null } : Promise.reject(error)));
    // Right after an event or a rerun the run may not be stored yet; the Dev Server says so either way.
    if (!data.run) return { status: "QUEUED", output: undefined };
    if (!TERMINAL.includes(data.run.status)) return { ...data.run, output: undefined };
    const headers: Record<string, string> = this.apiToken ? { authorization: `Bearer ${this.apiToken}` } : {};
    const res = await fetch(`${this.url}/api/v2/runs/${runId}?includeOutput=true`, { headers });
    if (!res.ok) throw new Error(`GET /api/v2/runs/${runId}: ${res.status} ${await res.text()}`);
    const { data: rest } = (await res.json()) as { data: { output?: unknown } };
    return { ...data.run, output: rest.output };
  }

  /** Waits until the run reaches one of `statuses` (default: any terminal one). */
  waitForRunStatus(runId: string, opts: { statuses?: RunStatus[]; timeoutMs?: number } = {}) {
    const wanted = opts.statuses ?? TERMINAL;
    let settledAt: number | undefined;
    return poll(`run ${runId} to reach ${wanted.join("|")}`, async () => {
      const run = await this.getRun(runId);
      // The status flips a moment before the output is stored; give the output up to 3 s to appear
      // (a function that returns nothing never gets one).
      settledAt ??= TERMINAL.includes(run.status) ? Date.now() : undefined;
      if (run.output === undefined && settledAt && Date.now() - settledAt < 3_000) return undefined;
      if (wanted.includes(run.status)) return run;
      if (TERMINAL.includes(run.status)) throw new Error(`run ${runId} ended ${run.status}, wanted ${wanted.join("|")}: ${JSON.stringify(run.output)}`);
      return undefined;
    }, opts.timeoutMs);
  }

  /** Attempt number (0-based) each step of a run ended on, by step name, from the run's trace. */
  async stepAttempts(runId: string): Promise<Record<string, number>> {
    const data = await this.gql<{ run: { trace: { childrenSpans: { name: string; attempts: number | null }[] } | null } }>(
      `query($id: String!) { run(runID: $id) { trace(preview: true) { childrenSpans { name attempts } } } }`,
      { id: runId },
    );
    return Object.fromEntries((data.run.trace?.childrenSpans ?? []).map((span) => [span.name, span.attempts ?? 0]));
  }

  /** Waits until the run's trace shows a step named `stepName` (e.g. a waitForEvent it is parked on). */
  waitForStep(runId: string, stepName: string, timeoutMs = 30_000): Promise<true> {
    return poll(`run ${runId} to reach step ${stepName}`, async () => (stepName in (await this.stepAttempts(runId).catch(() => ({})))) || undefined, timeoutMs);
  }

  /** Reruns a run from the start with its original event (what the UI's "Rerun" does); returns the new run id. */
  async rerun(runId: string): Promise<string> {
    const data = await this.gql<{ rerun: string }>(`mutation($id: ULID!) { rerun(runID: $id) }`, { id: runId });
    return data.rerun;
  }

  /** Slugs of the functions the app registered (proves the sync happened). */
  async functionSlugs(): Promise<string[]> {
    const data = await this.gql<{ functions: { slug: string }[] }>(`{ functions { slug } }`);
    return data.functions.map((f) => f.slug);
  }
}
