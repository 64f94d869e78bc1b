import { createHmac } from "node:crypto";
import type { z } from "zod";
import { NO_GRAPH_CODE, toGraphApiError } from "./transform";
import { GRAPH_API_VERSION, GraphApiError } from "./types";

export interface GraphClientOptions {
  graphUrl: string;
  appSecret: string;
  fetch?: typeof fetch;
  /** Per request, body included; a hung connection otherwise holds a deploy step until the engine gives up. */
  timeoutMs?: number;
}

export const DEFAULT_GRAPH_TIMEOUT_MS = 30_000;

export interface GraphRequest<T> {
  method: "GET" | "POST";
  path: string;
  /** User token: sent as a Bearer header (never in the URL) with its appsecret_proof. */
  accessToken?: string;
  query?: Record<string, string>;
  body?: Record<string, unknown>;
  schema: z.ZodType<T>;
}

export function appSecretProof(appSecret: string, accessToken: string): string {
  return createHmac("sha256", appSecret).update(accessToken).digest("hex");
}

/** One Graph call: versioned URL, proof, typed error on failure, zod-checked body on success. */
export function createGraphClient(opts: GraphClientOptions) {
  // Resolved per call, so a fetch patched later (msw in tests, instrumentation) is the one used.
  const doFetch: typeof fetch = opts.fetch ?? ((input, init) => fetch(input, init));
  const timeoutMs = opts.timeoutMs ?? DEFAULT_GRAPH_TIMEOUT_MS;
  const base = `${opts.graphUrl.replace(/\/$/, "")}/${GRAPH_API_VERSION}`;

  return async function graphRequest<T>(req: GraphRequest<T>): Promise<T> {
    const url = new URL(`${base}/${req.path.replace(/^\//, "")}`);
    for (const [k, v] of Object.entries(req.query ?? {})) url.searchParams.set(k, v);
    const headers: Record<string, string> = { accept: "application/json" };
    if (req.accessToken) {
      headers.authorization = `Bearer ${req.accessToken}`;
      url.searchParams.set("appsecret_proof", appSecretProof(opts.appSecret, req.accessToken));
    }
    if (req.body) headers["content-type"] = "application/json";

    // A timed-out request may still have been applied by Graph: callers treat it like any lost response.
    const signal = AbortSignal.timeout(timeoutMs);
    let response: Response;
    let bodyText: string;
    try {
      response = await doFetch(url, { method: req.method, headers, body: req.body ? JSON.stringify(req.body) : undefined, signal });
      bodyText = await response.text();
    } catch (error) {
      // The URL may carry client_secret (OAuth exchange); name only the path.
      const reason = error instanceof Error ? error.name : "unknown";
      const what = signal.aborted ? `timed out after ${timeoutMs} ms` : `failed to connect (${reason})`;
      throw new GraphApiError(`Graph API request to /${req.path} ${what}`, {
        httpStatus: 0,
        code: NO_GRAPH_CODE,
        isTransient: true,
      });
    }
    let json: unknown;
    try {
      json = JSON.parse(bodyText);
    } catch {
      json = undefined;
    }
    const hasErrorKey = typeof json === "object" && json !== null && "error" in json;
    if (!response.ok || hasErrorKey) {
      throw toGraphApiError({ httpStatus: response.status, headers: response.headers, bodyText });
    }
    const parsed = req.schema.safeParse(json);
    if (!parsed.success) {
      // Not retryable: a create may have succeeded behind the unreadable answer.
      throw new GraphApiError(`Graph API returned an unexpected body for /${req.path}`, {
        httpStatus: response.status,
        code: NO_GRAPH_CODE,
        isTransient: false,
      });
    }
    return parsed.data;
  };
}

export type GraphRequestFn = ReturnType<typeof createGraphClient>;
