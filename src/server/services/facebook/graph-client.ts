import { createHmac } from "node:crypto";
import type { z } from "zod";
import { NO_GRAPH_CODE, toGraphApiError } from "./transform";
import { GRAPH_API_VERSION, GraphApiError } from "./types";

export interface GraphClientOptions {
  graphUrl: string;
  appSecret: string;
  fetch?: typeof fetch;
}

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
  const doFetch = opts.fetch ?? fetch;
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

    let response: Response;
    try {
      response = await doFetch(url, { method: req.method, headers, body: req.body ? JSON.stringify(req.body) : undefined });
    } catch (error) {
      // The URL may carry client_secret (OAuth exchange); name only the path.
      const reason = error instanceof Error ? error.name : "unknown";
      throw new GraphApiError(`Graph API request to /${req.path} failed to connect (${reason})`, {
        httpStatus: 0,
        code: NO_GRAPH_CODE,
        isTransient: true,
      });
    }
    const bodyText = await response.text();
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
