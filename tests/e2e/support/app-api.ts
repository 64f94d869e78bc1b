/**
 * Talks to the app the way a browser does: JSON over HTTP with the session cookie better-auth sets.
 * Origin is sent because better-auth rejects cookie-bearing POSTs from unknown origins.
 */
export interface ApiResponse<T = Record<string, unknown>> {
  status: number;
  body: T;
}

export class AppClient {
  private readonly cookies = new Map<string, string>();

  // Each simulated user gets its own client address: better-auth rate-limits sign-ups per IP in
  // production mode, and every test signing up from 127.0.0.1 would trip it.
  private readonly clientIp = `10.${[0, 0, 0].map(() => Math.floor(Math.random() * 254) + 1).join(".")}`;

  constructor(readonly url: string) {}

  cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  async request<T = Record<string, unknown>>(method: string, path: string, body?: unknown): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = { origin: this.url, "x-forwarded-for": this.clientIp };
    if (body !== undefined) headers["content-type"] = "application/json";
    if (this.cookies.size) headers.cookie = this.cookieHeader();
    const res = await fetch(`${this.url}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
      redirect: "manual",
    });
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const eq = pair!.indexOf("=");
      this.cookies.set(pair!.slice(0, eq), pair!.slice(eq + 1));
    }
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : {};
    } catch {
      // Non-JSON answers (HTML error pages) stay as text so a failing assertion shows them.
    }
    return { status: res.status, body: parsed as T };
  }

  /** A new user (and organization), signed in on this client. */
  async signUp(label = "e2e"): Promise<{ email: string }> {
    const email = `${label}-${Date.now()}-${Math.random().toString(36).slice(2, 7)}@example.test`;
    const res = await this.request("POST", "/api/auth/sign-up/email", { email, password: "correct-horse-battery", name: label });
    if (res.status !== 200) throw new Error(`sign-up failed: ${res.status} ${JSON.stringify(res.body)}`);
    return { email };
  }
}

/** A signed-in client for a fresh user; every test uses its own tenant, so tests never see each other's rows. */
export async function signedInClient(appUrl: string, label?: string): Promise<AppClient> {
  const client = new AppClient(appUrl);
  await client.signUp(label);
  return client;
}
