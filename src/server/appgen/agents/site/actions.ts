import type { GeneratedFile } from "../types";

/**
 * The API routes for the spec's actions. A generated app has no database (plan 004), so an action
 * validates what was sent and answers; each route says where a real backend would plug in. Forms
 * (no JavaScript needed) get a 303 back to the page they came from with `?sent=<action>`; JSON
 * callers get JSON.
 */

const SUBMISSIONS = `// Reads and checks what a form or a fetch() sent to an action route, and answers it the way it asked.

export type Submission =
  | { ok: true; fields: Record<string, string> }
  | { ok: false; status: number; error: string };

const MAX_FIELDS = 50;
const MAX_LENGTH = 5000;
const EMAIL = /^[^\\s@]+@[^\\s@]+\\.[^\\s@]+$/;

const isJson = (request: Request) => (request.headers.get("content-type") ?? "").includes("application/json");

async function readFields(request: Request): Promise<Record<string, unknown> | null> {
  const type = request.headers.get("content-type") ?? "";
  if (type.includes("application/json")) {
    const body: unknown = await request.json();
    return body && typeof body === "object" && !Array.isArray(body) ? (body as Record<string, unknown>) : null;
  }
  if (type.includes("application/x-www-form-urlencoded") || type.includes("multipart/form-data")) {
    const form = await request.formData();
    return Object.fromEntries([...form.entries()].filter(([, v]) => typeof v === "string"));
  }
  return null;
}

export async function readSubmission(request: Request): Promise<Submission> {
  let raw: Record<string, unknown> | null;
  try {
    raw = await readFields(request);
  } catch {
    return { ok: false, status: 400, error: "The request body could not be read" };
  }
  if (!raw) return { ok: false, status: 415, error: "Send a JSON object or a form" };
  const entries = Object.entries(raw).filter(([, v]) => typeof v === "string" || typeof v === "number" || typeof v === "boolean");
  if (entries.length === 0) return { ok: false, status: 400, error: "The submission is empty" };
  if (entries.length > MAX_FIELDS) return { ok: false, status: 400, error: \`At most \${MAX_FIELDS} fields\` };
  const fields: Record<string, string> = {};
  for (const [name, value] of entries) {
    const text = String(value).trim();
    if (name.length > 100 || text.length > MAX_LENGTH) return { ok: false, status: 400, error: \`The field "\${name.slice(0, 100)}" is too long\` };
    if (/email/i.test(name) && text !== "" && !EMAIL.test(text)) return { ok: false, status: 400, error: \`The field "\${name}" is not an email address\` };
    fields[name] = text;
  }
  return { ok: true, fields };
}

/** The page a form was posted from, as a path on this site (only the referer's path and query are kept). */
function pageItCameFrom(request: Request): URL {
  const site = "http://site.invalid";
  try {
    const from = new URL(request.headers.get("referer") ?? "/", request.url);
    // Leading slashes collapsed: "//elsewhere.example" must stay a path here, not become another host.
    return new URL(\`\${from.pathname.replace(/^\\/+/, "/")}\${from.search}\`, site);
  } catch {
    return new URL("/", site);
  }
}

/** JSON for fetch() callers; a plain form post goes back to its page with ?sent=<action> (or ?error=). */
export function answerSubmission(request: Request, action: string, result: Submission): Response {
  if (isJson(request)) {
    return result.ok
      ? Response.json({ ok: true, action, received: Object.keys(result.fields) })
      : Response.json({ ok: false, action, error: result.error }, { status: result.status });
  }
  const back = pageItCameFrom(request);
  back.searchParams.set(result.ok ? "sent" : "error", action);
  // A relative Location: the redirect cannot leave the site, whatever host the request named.
  return new Response(null, { status: 303, headers: { location: \`\${back.pathname}\${back.search}\` } });
}
`;

function actionRoute(action: string): string {
  return `import { answerSubmission, readSubmission } from "@/lib/submissions";

// POST /api/actions/${action}: the "${action}" action the pages' forms post to (JSON or form data).
const ACTION = "${action}";

export async function POST(request: Request) {
  const submission = await readSubmission(request);
  if (submission.ok) {
    // A real backend plugs in here: pass submission.fields to your email, CRM or database service.
    // This app keeps nothing itself: it was generated without a database on purpose.
  }
  return answerSubmission(request, ACTION, submission);
}
`;
}

/** `actions` are already ACTION_NAME-shaped by the spec's schema (lower-case letters, digits, dashes). */
export function actionFiles(actions: readonly string[]): GeneratedFile[] {
  if (actions.length === 0) return [];
  return [{ path: "lib/submissions.ts", content: SUBMISSIONS }, ...actions.map((a) => ({ path: `app/api/actions/${a}/route.ts`, content: actionRoute(a) }))];
}
