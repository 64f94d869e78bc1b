/**
 * One way for client components to call the app's routes: JSON in, JSON out, and the route's own
 * error text (which names the field or explains the refusal) surfaced instead of a bare status.
 */
export type PostResult<T> =
  | { ok: true; data: T }
  | { ok: false; status: number; error: string; fields?: { field: string; message: string }[] };

export async function callJson<T = Record<string, unknown>>(url: string, init: { method?: string; body?: unknown } = {}): Promise<PostResult<T>> {
  let res: Response;
  try {
    res = await fetch(url, {
      method: init.method ?? (init.body === undefined ? "GET" : "POST"),
      headers: init.body === undefined ? undefined : { "content-type": "application/json" },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      cache: "no-store",
    });
  } catch {
    return { ok: false, status: 0, error: "Could not reach the server. Check your connection and try again." };
  }
  const body = (await res.json().catch(() => ({}))) as T & { error?: string; fields?: { field: string; message: string }[] };
  if (!res.ok) {
    const fields = Array.isArray(body.fields) ? body.fields : undefined;
    return { ok: false, status: res.status, error: body.error ?? `Request failed (HTTP ${res.status})`, fields };
  }
  return { ok: true, data: body };
}
